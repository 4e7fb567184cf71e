/**
 * RFC 9610 (JMAP for Contacts) ContactCard: a JSContact Card (RFC 9553). Only what the
 * app reads is typed: the card's name and its email addresses.
 */
import type { Id } from './core.ts';

export interface ContactCard {
  id: Id;
  /** RFC 9553 §2.2.1: `full` when the author gave one, else the components in order. */
  name?: { full?: string; components?: { kind: string; value: string }[] } | null;
  /** RFC 9553 §2.3.1: keyed by an id of the card's own. */
  emails?: Record<string, { address: string; pref?: number }> | null;
}
