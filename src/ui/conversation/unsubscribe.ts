/**
 * How to leave a mailing list, from a message's own headers: RFC 2369 List-Unsubscribe
 * (a list of <URI>s) and RFC 8058 List-Unsubscribe-Post (one-click). Pure.
 *
 * The choice, in order: a one-click POST when List-Unsubscribe-Post says
 * `List-Unsubscribe=One-Click` and an https URL is given (http only on loopback, for
 * tests); else the first mailto: (sent as a normal message); else the first http(s) link
 * (opened in a new tab). Every other scheme (javascript:, data:, file:, ...) is never
 * followed. The values are the sender's: URLs are read with the URL parser, never
 * pasted anywhere; a URL with credentials, control characters or absurd length is
 * dropped; mailto: addresses go through the compose fields' own parser.
 */
import type { EmailHeader } from '../../jmap/index.ts';
import { parseMailto, type MailtoPrefill } from '../compose/mailto.ts';

export type UnsubscribeChoice =
  | { kind: 'post'; url: string; host: string }
  | { kind: 'mailto'; mail: MailtoPrefill; to: string }
  | { kind: 'link'; url: string; host: string };

export interface ListUnsubscribe {
  choice: UnsubscribeChoice;
  /** RFC 2919 List-Id (the id between < and >), when the message gives one. */
  listId: string | null;
  /** The list's name as the person reads it: List-Id's phrase, else its id, else the URL's host. */
  listName: string;
}

const MAX_URL = 2_000;
const MAX_URIS = 8;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** All fields of that name, unfolded (RFC 5322 2.2.3), joined as one list. */
function headerValue(headers: readonly EmailHeader[], name: string): string | null {
  const values = headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value.replace(/\r?\n[ \t]/g, ' '));
  return values.length ? values.join(', ') : null;
}

/** The <URI>s of a List-Unsubscribe value, comments and text outside brackets ignored (RFC 2369 2). */
export function bracketedUris(value: string): string[] {
  const uris: string[] = [];
  for (const m of value.matchAll(/<([^<>]*)>/g)) {
    // Whitespace inside the brackets is folding, not part of the URI (RFC 2369 2).
    const uri = m[1]!.replace(/\s+/g, '');
    if (uri) uris.push(uri);
    if (uris.length === MAX_URIS) break;
  }
  return uris;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** An http(s) URL fit to be asked for, or null. `https` only unless on loopback when `postOnly`. */
function webUrl(uri: string, secureOnly: boolean): URL | null {
  if (uri.length > MAX_URL || CONTROL.test(uri)) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol !== 'http:') return null;
  return !secureOnly || LOOPBACK.has(url.hostname) ? url : null;
}

/** The name of the list (List-Id's phrase or id), cut to a readable length. */
function listNameOf(listIdField: string | null): { id: string | null; name: string | null } {
  if (!listIdField) return { id: null, name: null };
  const m = /^\s*(.*?)\s*<([^<>\s]{1,255})>/.exec(listIdField);
  if (!m) return { id: null, name: null };
  const phrase = m[1]!.replace(/^"|"$/g, '').trim();
  return { id: m[2]!, name: (phrase || m[2]!).slice(0, 120) };
}

export function listUnsubscribe(headers: readonly EmailHeader[]): ListUnsubscribe | null {
  const field = headerValue(headers, 'List-Unsubscribe');
  if (!field) return null;
  const uris = bracketedUris(field);
  const oneClick = headerValue(headers, 'List-Unsubscribe-Post')?.trim() === 'List-Unsubscribe=One-Click';
  let choice: UnsubscribeChoice | null = null;
  const post = oneClick ? uris.map((u) => webUrl(u, true)).find((u) => u !== null) : undefined;
  if (post) choice = { kind: 'post', url: post.href, host: post.host };
  if (!choice) {
    for (const uri of uris) {
      if (!/^mailto:/i.test(uri) || uri.length > MAX_URL || CONTROL.test(uri)) continue;
      const mail = parseMailto(uri);
      if (mail && mail.to.length === 1 && !mail.cc.length && !mail.bcc.length) {
        choice = { kind: 'mailto', mail, to: mail.to[0]!.email };
        break;
      }
    }
  }
  if (!choice) {
    const link = uris.map((u) => webUrl(u, false)).find((u) => u !== null);
    if (link) choice = { kind: 'link', url: link.href, host: link.host };
  }
  if (!choice) return null;
  const list = listNameOf(headerValue(headers, 'List-Id'));
  const fallback = choice.kind === 'mailto' ? (choice.to.split('@')[1] ?? choice.to) : choice.host;
  return { choice, listId: list.id, listName: list.name ?? fallback };
}
