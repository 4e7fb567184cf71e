/**
 * Recipients as text in a compose field, and back.
 *
 * A display name is whatever the sender of a mail chose, so text written here must
 * never read back as more (or other) addresses than it was written from: a From name
 * such as `attacker@evil.test; Support` once landed unquoted in a reply's To field and
 * was split into a second recipient on Send. So:
 * - names are written as RFC 5322 quoted-strings (`"` and `\` escaped), whatever they hold;
 * - text is read with a real address-list parser (postal-mime's, the one the demo server
 *   uses for headers), which respects quoted strings, comments and groups;
 * - only what parses as one plain addr-spec is an address; everything else is reported.
 * Compose sends the structured list it was prefilled with when a field is not edited,
 * so these two only matter once the person types (see Compose's useRecipients).
 */
import { addressParser, type Address, type Mailbox } from 'postal-mime';
import type { DraftContent } from '../../outbox/index.ts';
import { BIDI_CONTROL_CHARS, INVISIBLE_CHARS } from '../../sanitize/invisible.ts';

export type Recipient = DraftContent['to'][number];

// eslint-disable-next-line no-control-regex
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f]+/g;

/** The name as it can live on one line of a text field: an <input> drops line breaks,
 * which would glue words together, and the parser drops control characters. */
export function nameForText(name: string | null | undefined): string {
  return (name ?? '').replace(LINE_BREAKS_AND_CONTROLS, ' ').trim();
}

/** RFC 5322 quoted-string: any name reads back as one display name, never as addresses. */
function quoted(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// An address is the sender's to choose too: a quoted local part may hold anything
// ("x>,<attacker@evil.test>"@evil.test). Written between angle brackets as is, such
// an address would read back as a second, valid recipient. Every character that could
// end the brackets or the entry becomes U+FFFD, which parseAddresses refuses: the entry
// then reads back as one bad address the person is told about, never as another one.
const STRUCTURAL = /[\s<>()[\]\\,;:"\ufffd]/gu;
const REPLACEMENT = '\ufffd';

export function formatAddress(a: Recipient): string {
  const name = nameForText(a.name);
  const email = a.email.replace(STRUCTURAL, REPLACEMENT) || REPLACEMENT;
  return name ? `${quoted(name)} <${email}>` : email;
}

export function formatAddresses(list: readonly Recipient[]): string {
  return list.map(formatAddress).join(', ');
}

// One addr-spec as a person types it: no spaces, quotes, brackets or list separators,
// one "@", a dotted domain. Invisible characters are refused: an address that hides
// characters is not one anybody meant to type.
const ADDR_SPEC = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/u;
const INVISIBLE_OR_REPLACED = new RegExp(`[${BIDI_CONTROL_CHARS}${INVISIBLE_CHARS}\\ufffd]`, 'u');

// postal-mime decodes RFC 2047 encoded words anywhere in a field, quoted strings too,
// so a name holding "=?utf-8?B?…?=" would change on the way back (and a bare encoded
// word can become an address). Nobody types encoded words: a noncharacter between "="
// and "?" keeps them literal and is taken out again after parsing.
const MASK = '\ufdd0';
const mask = (text: string) => text.replaceAll(MASK, '').replaceAll('=?', `=${MASK}?`);
const unmask = (text: string) => text.replaceAll(MASK, '');

function mailboxes(list: Address[]): Mailbox[] {
  // Group members are recipients; the group's own name is only a label (RFC 5322 3.4).
  return list.flatMap((a) => (a.group ? a.group : [a]));
}

/**
 * Entries with more after their `<address>` than a comment ("Ann <a@x.org> bob@y.org",
 * a missing comma): the parser folds that text into the name, which would drop a
 * recipient without a word. Follows the parser's own tokens: quoted strings with
 * backslash escapes, comments without nesting, angle brackets; `,` and `;` end an entry.
 */
function entriesWithTextAfterAddress(input: string): string[] {
  const found: string[] = [];
  let start = 0;
  let closer = ''; // what ends the quoted string, comment or brackets we are in
  let afterAddress = false;
  let reported = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (closer) {
      if (closer === '"' && c === '\\') i++;
      else if (c === closer) {
        if (closer === '>') afterAddress = true;
        closer = '';
      }
    } else if (c === ',' || c === ';') {
      start = i + 1;
      afterAddress = reported = false;
    } else if (c === '(') closer = ')';
    else if (/\s/.test(c)) continue;
    else if (afterAddress && !reported) {
      found.push(input.slice(start, input.slice(i).search(/[,;]|$/) + i).trim());
      reported = true;
    } else if (c === '"') closer = '"';
    else if (c === '<') closer = '>';
  }
  return found;
}

/** "Ann <ann@x.org>, bob@y.org" -> addresses; what is not one address is reported. */
export function parseAddresses(input: string): { list: Recipient[]; bad: string[] } {
  // A text field holds one line; pasted or older multi-line text means one address a line.
  const text = input.replace(/[\r\n]+/g, ',');
  const list: Recipient[] = [];
  const bad: string[] = entriesWithTextAfterAddress(text);
  for (const m of mailboxes(addressParser(mask(text)))) {
    const name = unmask(m.name).trim();
    const email = unmask(m.address).trim();
    if (ADDR_SPEC.test(email) && !INVISIBLE_OR_REPLACED.test(email)) list.push({ name: name || null, email });
    else if (email || name) bad.push(email || name);
  }
  return { list, bad };
}

/** A recipient as a field shows it: an address, or what the person wrote that is not one (refused at Send). */
export type Chip = Recipient | { bad: string };

export const isBad = (chip: Chip): chip is { bad: string } => 'bad' in chip;

/**
 * Text cut where a person ends an entry: `,` or `;` outside quoted strings (backslash
 * escapes), comments, angle brackets and groups (`Team: a@x.org, b@x.org;` is one entry,
 * its members parsed together). `rest` is what follows the last end, still being typed.
 */
export function splitEntries(input: string): { done: string[]; rest: string } {
  const text = input.replace(/[\r\n]+/g, ',');
  const done: string[] = [];
  let start = 0;
  let closer = '';
  let group = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (closer) {
      if (closer === '"' && c === '\\') i++;
      else if (c === closer) closer = '';
    } else if (c === '"') closer = '"';
    else if (c === '(') closer = ')';
    else if (c === '<') closer = '>';
    else if (c === ':' && !group) group = true;
    else if (c === ';' || (c === ',' && !group)) {
      done.push(text.slice(start, group ? i + 1 : i)); // a group keeps its closing ";"
      start = i + 1;
      group = false;
    }
  }
  return { done, rest: text.slice(start) };
}

/**
 * One entry as chips: the addresses it holds (a group's members), or, when any of it is
 * not an address, ONE bad chip of the whole entry as written: never a guess at part of it.
 */
export function entryChips(entry: string): Chip[] {
  const trimmed = entry.trim();
  if (/^[\s,;]*$/.test(trimmed)) return [];
  const { list, bad } = parseAddresses(trimmed);
  if (bad.length) return [{ bad: nameForText(trimmed) }];
  return list;
}

/** Pasted or typed text as chips, in the order written. */
export function chipsOf(text: string): Chip[] {
  const { done, rest } = splitEntries(text);
  return [...done, rest].flatMap(entryChips);
}

/** A chip back as text to edit: reads back as the same chip (formatAddress). */
export function chipText(chip: Chip): string {
  return isBad(chip) ? chip.bad : formatAddress(chip);
}
