/**
 * A mailto: URL (RFC 6068) as what a new message starts with: recipients, subject and
 * body. From a link in a mail, from the operating system (the manifest's protocol
 * handler opens /?mailto=<url>), or from another page.
 *
 * A mailto: link in a mail is the sender's to write, so it may only fill in what the
 * person then sees and can change before sending: To, Cc, Bcc (all shown), the subject
 * and plain body text. Every other header (In-Reply-To, attach, X-…) is ignored, nothing
 * is sent by itself, and long values are cut. Addresses go through the compose fields'
 * own parser (postal-mime's address-list reader): only plain addresses are taken, the
 * rest is reported as bad, as if the person had typed it.
 */
import { parseAddresses, type Recipient } from './addresses.ts';

export interface MailtoPrefill {
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  body: string;
  /** Per field, what was not one address: the compose window shows it as typed text it cannot send. */
  bad: Record<'to' | 'cc' | 'bcc', string[]>;
}

const MAX_SUBJECT = 1_000;
const MAX_BODY = 100_000;
const MAX_RECIPIENTS = 100;

/** Percent-decoding as UTF-8; a malformed escape is kept as written rather than dropped. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-f]{2})/gi, (whole, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : whole;
    });
  }
}

/** null when `href` is not a mailto: URL. */
export function parseMailto(href: string): MailtoPrefill | null {
  const match = /^\s*mailto:([^?#]*)(?:\?([^#]*))?/i.exec(href);
  if (!match) return null;
  const lists: Record<'to' | 'cc' | 'bcc', string[]> = { to: [], cc: [], bcc: [] };
  // The part before "?" is the To list (commas separate addresses, RFC 6068 2).
  if (match[1]) lists.to.push(decode(match[1]));
  let subject = '';
  let body = '';
  for (const pair of (match[2] ?? '').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at)).toLowerCase();
    // In a query, "+" is a plus sign in mailto: (RFC 6068 5), not a space.
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    if (name === 'to' || name === 'cc' || name === 'bcc') lists[name].push(value);
    else if (name === 'subject' && !subject) subject = value;
    else if (name === 'body' && !body) body = value;
  }
  const read = (kind: 'to' | 'cc' | 'bcc') => {
    const { list, bad } = parseAddresses(lists[kind].join(','));
    return { list: list.slice(0, MAX_RECIPIENTS), bad };
  };
  const [to, cc, bcc] = [read('to'), read('cc'), read('bcc')];
  return {
    to: to.list,
    cc: cc.list,
    bcc: bcc.list,
    subject: subject.replace(/[\r\n]+/g, ' ').slice(0, MAX_SUBJECT),
    // Line breaks are CRLF-escaped in mailto: (RFC 6068 5); the editor keeps \n.
    body: body.replace(/\r\n?/g, '\n').slice(0, MAX_BODY),
    bad: { to: to.bad, cc: cc.bad, bcc: bcc.bad },
  };
}
