/**
 * The To, Cc and Bcc fields of a message being written, as chips: each a structured
 * `{name, email}` (a reply's sender as the server parsed the header, a kept draft's
 * recipients, a suggestion picked) or what the person wrote that is not an address (a
 * bad chip: shown red, refused at Send, kept with the draft). Only what the person types
 * is parsed (addresses.ts), an entry at a time as they end it; a chip turns back into
 * text only when the person opens it to edit, written so it reads back as the same chip.
 * So a display name from someone else's mail is never read back as addresses.
 */
import { chipsOf, chipText, entryChips, isBad, splitEntries, type Chip, type Recipient } from './addresses.ts';

export interface RecipientField {
  chips: readonly Chip[];
  /** What the input holds, not a chip yet. */
  text: string;
  /** Changed by the person: Reply all's late clean-up leaves the field as they made it. */
  edited: boolean;
}

export type RecipientKind = 'to' | 'cc' | 'bcc';
export type RecipientFields = Record<RecipientKind, RecipientField>;
export const RECIPIENT_KINDS: readonly RecipientKind[] = ['to', 'cc', 'bcc'];

export function loadedField(list: readonly Recipient[], bad: readonly string[] = []): RecipientField {
  return { chips: [...list.map((a) => ({ name: a.name, email: a.email })), ...bad.map((b) => ({ bad: b }))], text: '', edited: false };
}

export function loadedFields(
  content: Record<RecipientKind, readonly Recipient[]>,
  bad?: Partial<Record<RecipientKind, readonly string[]>>,
): RecipientFields {
  return { to: loadedField(content.to, bad?.to), cc: loadedField(content.cc, bad?.cc), bcc: loadedField(content.bcc, bad?.bcc) };
}

/** The chips with `more` after them; an address the field already holds is not added twice. */
function added(chips: readonly Chip[], more: readonly Chip[]): Chip[] {
  const next = [...chips];
  const seen = new Set(chips.filter((c) => !isBad(c)).map((c) => (c as Recipient).email.toLowerCase()));
  for (const c of more) {
    if (!isBad(c) && seen.has(c.email.toLowerCase())) continue;
    if (!isBad(c)) seen.add(c.email.toLowerCase());
    next.push(c);
  }
  return next;
}

/** The input now holds `text`: every entry the person ended (`,` `;`) becomes chips. */
export function typed(field: RecipientField, text: string): RecipientField {
  const { done, rest } = splitEntries(text);
  // A space after a comma is no part of the next entry.
  if (!done.length) return { ...field, text: text.trimStart(), edited: true };
  return { chips: added(field.chips, done.flatMap(entryChips)), text: rest.trimStart(), edited: true };
}

/** Enter, Tab, leaving the field, a paste: all of the text becomes chips. */
export function committed(field: RecipientField, text = field.text): RecipientField {
  if (!text.trim()) return field.text ? { ...field, text: '' } : field;
  return { chips: added(field.chips, chipsOf(text)), text: '', edited: true };
}

export function picked(field: RecipientField, recipient: Recipient): RecipientField {
  return { chips: added(field.chips, [recipient]), text: '', edited: true };
}

export function removed(field: RecipientField, index: number): RecipientField {
  return { ...field, chips: field.chips.filter((_, i) => i !== index), edited: true };
}

/** A chip opened to edit: back in the input as text (what was typed there becomes chips first). */
export function reopened(field: RecipientField, index: number): RecipientField {
  const chip = field.chips[index];
  if (!chip) return field;
  const kept = committed(field);
  return { chips: kept.chips.filter((c) => c !== chip), text: chipText(chip), edited: true };
}

/** What this field sends, and what in it is not an address. */
export function fieldRecipients(field: RecipientField): { list: Recipient[]; bad: string[] } {
  const chips = [...field.chips, ...chipsOf(field.text)];
  return {
    list: chips.filter((c): c is Recipient => !isBad(c)).map((a) => ({ name: a.name, email: a.email })),
    bad: chips.filter(isBad).map((c) => c.bad),
  };
}

/** The bad chips of each field, kept with the draft on this device (nothing the person wrote is lost). */
export function badEntries(fields: RecipientFields): Partial<Record<RecipientKind, string[]>> {
  const out: Partial<Record<RecipientKind, string[]>> = {};
  for (const kind of RECIPIENT_KINDS) {
    const bad = fieldRecipients(fields[kind]).bad;
    if (bad.length) out[kind] = bad;
  }
  return out;
}

/**
 * Fields without the person's own addresses, for Reply all: they are known only once
 * the identities arrive (the account's name is often a bare username), after the draft
 * was prefilled. Only untouched fields change: what the person made is theirs.
 */
export function withoutAddresses(fields: RecipientFields, kinds: readonly RecipientKind[], addresses: readonly string[]): RecipientFields {
  const drop = new Set(addresses.map((a) => a.toLowerCase()));
  const next = { ...fields };
  for (const kind of kinds) {
    const field = fields[kind];
    if (field.edited) continue;
    const kept = field.chips.filter((c) => isBad(c) || !drop.has(c.email.toLowerCase()));
    if (kept.length !== field.chips.length) next[kind] = { ...field, chips: kept };
  }
  return next;
}
