/**
 * Hostile messages as real RFC 5322 mail, for importing into Cyrus: the payloads sit in
 * the places a sender controls (HTML and text bodies, Subject, the From name, an
 * attachment's file name, inline parts), encoded the way mail encodes them, so what
 * reaches the app is what the server made of them.
 */
import type { RenderRequest } from '../browser/hostile/harness/protocol.ts';

/**
 * One message to build; `key` names it (its To: display name and its Message-ID). The
 * same fields as a harness render request; `cids` become multipart/related parts.
 */
export interface HostileMail extends Pick<
  RenderRequest,
  'html' | 'text' | 'subject' | 'senderName' | 'senderEmail' | 'attachmentName' | 'cids'
> {
  key: string;
  /** Header lines added as they are (already folded), e.g. a huge header. */
  extraHeaders?: string[];
  /**
   * Header lines placed after every other top-level header (already folded). Cyrus 3.6
   * reads no header after a huge one (the Content-Type after a 300 KB Subject was
   * lost), so a huge header goes here to test the header itself.
   */
  lastHeaders?: string[];
  /** Replaces the whole body section (Content-Type onwards): for malformed structures. */
  rawBody?: string;
}

/** Base64 in 76-character lines (RFC 2045). */
export function base64Lines(data: string | Buffer): string {
  const b64 = (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64');
  return b64.replace(/.{1,76}/g, '$&\r\n');
}

/**
 * RFC 2047 encoded words, each under 75 characters, folded one per line. Split on
 * code points, so no word carries half a UTF-8 sequence.
 */
export function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** An RFC 2231 file name parameter, in continuations of at most 60 encoded characters. */
export function fileNameParameter(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const parts = encoded.match(/(%[0-9A-F]{2}|[^%]){1,60}/g) ?? [''];
  // A continuation never splits a %XX escape (the regex matches escapes whole).
  return parts.map((p, i) => `filename*${i}*=${i === 0 ? "utf-8''" : ''}${p}`).join(';\r\n ');
}

function part(type: string, body: string | Buffer, extra: string[] = []): string {
  return [`Content-Type: ${type}`, 'Content-Transfer-Encoding: base64', ...extra, '', base64Lines(body)].join('\r\n');
}

function multipart(kind: string, parts: string[], boundary: string): string {
  return [
    `Content-Type: multipart/${kind}; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}\r\n${p}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The body section: text and/or HTML, inline parts, and an attachment. */
function bodyOf(mail: HostileMail): string {
  const texts: string[] = [];
  if (mail.text !== undefined) texts.push(part('text/plain; charset=utf-8', mail.text));
  if (mail.html !== undefined) {
    let html = part('text/html; charset=utf-8', mail.html);
    const cids = Object.entries(mail.cids ?? {});
    if (cids.length) {
      const inline = cids.map(([id, c]) =>
        part(c.type, c.base64 ? Buffer.from(c.body, 'base64') : c.body, [`Content-ID: <${id}>`, 'Content-Disposition: inline']),
      );
      html = multipart('related', [html, ...inline], `rel-${mail.key}`);
    }
    texts.push(html);
  }
  if (texts.length === 0) texts.push(part('text/plain; charset=utf-8', ''));
  const content = texts.length === 1 ? texts[0]! : multipart('alternative', texts, `alt-${mail.key}`);
  if (mail.attachmentName === undefined) return content;
  const attachment = part('application/octet-stream', Buffer.from('%PDF-1.4\n% not really\n'), [
    `Content-Disposition: attachment;\r\n ${fileNameParameter(mail.attachmentName)}`,
  ]);
  return multipart('mixed', [content, attachment], `mix-${mail.key}`);
}

export function mimeMessage(mail: HostileMail, date: Date): string {
  const from =
    mail.senderName !== undefined
      ? `${encodedWords(mail.senderName)} <${mail.senderEmail ?? 'sender@example.com'}>`
      : `<${mail.senderEmail ?? 'sender@example.com'}>`;
  const headers = [
    `From: ${from}`,
    `To: "${mail.key}" <alice@example.test>`,
    ...(mail.lastHeaders?.some((h) => /^subject:/i.test(h))
      ? []
      : [`Subject: ${mail.subject !== undefined ? encodedWords(mail.subject) : mail.key}`]),
    `Message-ID: <${mail.key}@hostile.example>`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    ...(mail.extraHeaders ?? []),
  ];
  const body = mail.rawBody ?? bodyOf(mail);
  if (!mail.lastHeaders?.length) return headers.join('\r\n') + '\r\n' + body;
  // The body section starts with the rest of the top-level header block.
  const end = body.indexOf('\r\n\r\n');
  return [...headers, body.slice(0, end), ...mail.lastHeaders].join('\r\n') + body.slice(end);
}
