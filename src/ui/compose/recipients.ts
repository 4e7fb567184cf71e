/**
 * The To, Cc and Bcc fields of a message being written. Each keeps the structured list
 * it was loaded with (a reply's sender as the server parsed the header, a kept draft's
 * recipients) until the person edits its text: then, and only then, the text is parsed.
 * So a recipient nobody touched goes to the submission exactly as it came, and a display
 * name is never turned into text and read back as addresses.
 */
import { formatAddresses, parseAddresses, type Recipient } from './addresses.ts';

export interface RecipientField {
  /** What the input shows. */
  text: string;
  /** The list as loaded; null once the person has edited `text`. */
  list: readonly Recipient[] | null;
}

export type RecipientKind = 'to' | 'cc' | 'bcc';
export type RecipientFields = Record<RecipientKind, RecipientField>;

export function loadedField(list: readonly Recipient[]): RecipientField {
  return { text: formatAddresses(list), list };
}

export function editedField(text: string): RecipientField {
  return { text, list: null };
}

export function loadedFields(content: Record<RecipientKind, readonly Recipient[]>): RecipientFields {
  return { to: loadedField(content.to), cc: loadedField(content.cc), bcc: loadedField(content.bcc) };
}

/** What this field sends, and what in its text is not an address. */
export function fieldRecipients(field: RecipientField): { list: Recipient[]; bad: string[] } {
  return field.list ? { list: field.list.map((a) => ({ name: a.name, email: a.email })), bad: [] } : parseAddresses(field.text);
}

/**
 * Fields without the person's own addresses, for Reply all: they are known only once
 * the identities arrive (the account's name is often a bare username), after the draft
 * was prefilled. Only untouched fields change: what the person typed is theirs.
 */
export function withoutAddresses(fields: RecipientFields, kinds: readonly RecipientKind[], addresses: readonly string[]): RecipientFields {
  const drop = new Set(addresses.map((a) => a.toLowerCase()));
  const next = { ...fields };
  for (const kind of kinds) {
    const list = fields[kind].list;
    if (!list) continue;
    const kept = list.filter((a) => !drop.has(a.email.toLowerCase()));
    if (kept.length !== list.length) next[kind] = loadedField(kept);
  }
  return next;
}
