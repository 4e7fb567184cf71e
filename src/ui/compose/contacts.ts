/**
 * Whom to suggest as a recipient, from this account's mail on the device: the people the
 * person writes to (To/Cc of mail in Sent, or sent from one of their addresses) weigh
 * most, the people who write to them (From of other mail) less, every message worth less
 * as it ages (half-life 30 days). The table is built once per change of the mirror
 * (useContacts); a key only filters it (`suggest`): no scan of the mail per key.
 * The person's own addresses come last: suggested only when nothing else matches. The
 * account's address book (RFC 9610 cards, `withCards`) names the people in it and adds
 * those never mailed, after everyone who was.
 */
import type { Recipient } from './addresses.ts';

export interface Contact extends Recipient {
  score: number;
  /** Folded (lower case, no accents) for matching. */
  address: string;
  words: string[];
  own: boolean;
}

/** What ranking reads of an email (EmailRecord has these). */
export interface ContactMail {
  mailboxIds: Record<string, true>;
  receivedMs: number;
  from: readonly { name?: string | null; email: string }[] | null;
  to: readonly { name?: string | null; email: string }[] | null;
  cc: readonly { name?: string | null; email: string }[] | null;
}

const HALF_LIFE_MS = 30 * 24 * 3600 * 1000;
/** A message written to someone counts four times one received from them. */
const WROTE_TO = 1;
const WROTE_TO_ME = 0.25;

// Letters NFD does not take apart into a base and a mark, written as people type them without.
const PLAIN: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };

export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđħıßæœþð]/g, (c) => PLAIN[c]!);

const wordsOf = (name: string) =>
  fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

interface Tally {
  email: string;
  score: number;
  name: string | null;
  nameWeight: number;
}

/** Adds mail one at a time (read in pages), then `table()` once. */
export class ContactRanker {
  private readonly tallies = new Map<string, Tally>();
  constructor(
    private readonly sentMailboxIds: ReadonlySet<string>,
    private readonly ownAddresses: ReadonlySet<string>,
    private readonly now: number,
  ) {}

  private count(a: { name?: string | null; email: string }, weight: number): void {
    const key = a.email.trim().toLowerCase();
    if (!key.includes('@')) return;
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { email: a.email.trim(), score: 0, name: null, nameWeight: 0 }));
    t.score += weight;
    // The name of the weightiest mention: what the person called them, lately.
    const name = a.name?.trim();
    if (name && weight >= t.nameWeight) {
      t.name = name;
      t.nameWeight = weight;
    }
  }

  add(mail: ContactMail): void {
    const decay = 0.5 ** (Math.max(0, this.now - mail.receivedMs) / HALF_LIFE_MS);
    const mine =
      Object.keys(mail.mailboxIds).some((id) => this.sentMailboxIds.has(id)) ||
      (mail.from ?? []).some((a) => this.ownAddresses.has(a.email.toLowerCase()));
    if (mine) for (const a of [...(mail.to ?? []), ...(mail.cc ?? [])]) this.count(a, WROTE_TO * decay);
    else for (const a of mail.from ?? []) this.count(a, WROTE_TO_ME * decay);
  }

  table(): Contact[] {
    const out: Contact[] = [];
    for (const [key, t] of this.tallies)
      out.push({
        name: t.name,
        email: t.email,
        score: t.score,
        address: key,
        words: wordsOf(t.name ?? ''),
        own: this.ownAddresses.has(key),
      });
    return out.sort((a, b) => Number(a.own) - Number(b.own) || b.score - a.score || a.address.localeCompare(b.address));
  }
}

/**
 * The table with the address book's cards: a card names a person already in the table
 * (the person's own book over what senders call themselves); a card never mailed comes
 * after everyone who was, before the person's own addresses.
 */
export function withCards(table: readonly Contact[], cards: readonly Recipient[]): readonly Contact[] {
  if (!cards.length) return table;
  const byAddress = new Map<string, Recipient>();
  for (const c of cards)
    if (c.email.includes('@') && !byAddress.has(c.email.trim().toLowerCase())) byAddress.set(c.email.trim().toLowerCase(), c);
  const out = table.map((c) => {
    const card = byAddress.get(c.address);
    if (!card) return c;
    byAddress.delete(c.address);
    return card.name ? { ...c, name: card.name, words: wordsOf(card.name) } : c;
  });
  const extra = [...byAddress].map(([address, c]) => ({
    name: c.name,
    email: c.email.trim(),
    score: 0,
    address,
    words: wordsOf(c.name ?? ''),
    own: false,
  }));
  const own = out.findIndex((c) => c.own);
  out.splice(own < 0 ? out.length : own, 0, ...extra);
  return out;
}

/**
 * Up to `limit` contacts for what is typed, in rank order: the address starts with it,
 * or every word typed starts a word of the name (case and accents aside).
 */
export function suggest(table: readonly Contact[], typed: string, skip: ReadonlySet<string> = new Set(), limit = 8): Contact[] {
  const q = fold(typed.trim());
  if (!q) return [];
  const words = wordsOf(typed);
  const out: Contact[] = [];
  for (const c of table) {
    if (skip.has(c.address)) continue;
    if (c.address.startsWith(q) || (words.length > 0 && words.every((w) => c.words.some((n) => n.startsWith(w))))) out.push(c);
    if (out.length === limit) break;
  }
  return out;
}
