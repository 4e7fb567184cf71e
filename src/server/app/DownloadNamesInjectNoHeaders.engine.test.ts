/**
 * A mail whose attachment name carries CR/LF and header text (RFC 2231 and RFC 2047
 * encoded, as an attacker would send it), downloaded through the app server's proxy in
 * front of the real backend the way the app does it (src/jmap download with the part's
 * own name and type). Cyrus 3.6 copies the download URL's decoded {name} into
 * Content-Disposition with CR/LF intact (docs/servers/cyrus.md); neither the client
 * (it sends no mail text in the URL) nor the proxy (it refuses such URLs, passes only
 * JMAP's headers) may let a header through.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JmapClient } from '../../jmap/client.ts';
import { authFor, backend, createMailbox, importMessage, unique } from '../../../testing/backends/connect.ts';
import type { FetchLike } from '../../jmap/http.ts';
import type { EmailBodyPart } from '../../jmap/wire/email.ts';
import { startAppServer, type AppServer } from './server.ts';

const INJECTED = '\r\nSet-Cookie: sid=evil; Path=/\r\nClear-Site-Data: "storage"\r\nX-Injected: yes\r\n';
const NAME = `invoice${INJECTED}.pdf`;
const FORBIDDEN = ['set-cookie', 'set-cookie2', 'clear-site-data', 'x-injected', 'refresh', 'link', 'alt-svc'];
const CONTENT = Buffer.from('%PDF-1.4 not really, but every byte counts: \x00\x01\x02\xfe\xff', 'latin1');

/** RFC 2231: every byte outside attr-char percent-encoded. */
function rfc2231(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function hostileMessage(subject: string): string {
  const encodedWord = `=?UTF-8?B?${Buffer.from(NAME, 'utf8').toString('base64')}?=`;
  return [
    'From: Mallory <mallory@outside.example>',
    'To: alice@example.test',
    `Subject: ${subject}`,
    `Message-ID: <${subject}@outside.example>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please find the invoice attached.',
    '--b',
    // The type's name in RFC 2047 form, the disposition's filename in RFC 2231 form.
    `Content-Type: application/pdf; name="${encodedWord}"`,
    `Content-Disposition: attachment; filename*=utf-8''${rfc2231(NAME)}`,
    'Content-Transfer-Encoding: base64',
    '',
    CONTENT.toString('base64'),
    '--b--',
    '',
  ].join('\r\n');
}

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  names: string[];
  body: Buffer;
}

/** A GET read raw (every header line kept), as a browser following a link would send it. */
function rawGet(url: string, authorization: string): Promise<Raw> {
  return new Promise((ok, fail) => {
    request(url, { headers: { Authorization: authorization } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          headers: res.headers,
          names: res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()),
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', fail)
      .end();
  });
}

let app: AppServer;
let client: JmapClient;
let authorization: string;
let part: EmailBodyPart;
const seenHeaders: { url: string; names: string[] }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'engine-hdrs-'));

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  app = await startAppServer({ staticDir: dir, upstream: backend().origin });
  const auth = authFor(backend().users.alice);
  authorization =
    auth.kind === 'basic' ? 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64') : `Bearer ${auth.token}`;
  const recording: FetchLike = async (url, init) => {
    const res = await fetch(url, init);
    seenHeaders.push({ url, names: [...res.headers.keys()] });
    return res;
  };
  client = await connect({ url: app.origin, auth, fetch: recording, rewriteUrlsToOrigin: true });
  const box = await createMailbox(client);
  const subject = unique('hostile-name');
  const { id } = await importMessage(client, box, hostileMessage(subject));
  const got = await client.call('Email/get', { ids: [id], properties: ['attachments'] });
  part = got.list[0]!.attachments![0]!;
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile attachment names inject no headers through the app server', () => {
  it('the server hands the client the name with its CR/LF and header text', () => {
    expect(part.name).toContain('Set-Cookie');
    expect(part.name).toMatch(/[\r\n]/);
  });

  it('downloads through the proxy the way the app does: intact bytes, no injected header', async () => {
    seenHeaders.length = 0;
    const blob = await client.download(part.blobId!, { name: part.name ?? undefined, type: part.type ?? undefined });
    expect(Buffer.compare(Buffer.from(await blob.arrayBuffer()), CONTENT)).toBe(0);
    const download = seenHeaders.find((s) => s.url.includes('/download/'));
    expect(download, 'the download went through the recording fetch').toBeDefined();
    expect(download!.url.startsWith(app.origin)).toBe(true);
    for (const name of FORBIDDEN) expect(download!.names, name).not.toContain(name);
    expect(download!.names).toContain('content-security-policy');
  });

  // What a link in a mail would point at: the name (or the type) in the URL itself.
  const ATTACK = encodeURIComponent('x\r\nSet-Cookie: sid=evil\r\nClear-Site-Data: "storage"\r\nX-Injected: yes');
  const attackPaths = () => [
    `/jmap/download/${client.accountId}/${part.blobId}/${ATTACK}?accept=text/html`,
    `/jmap/download/${client.accountId}/${part.blobId}/x.pdf?accept=${encodeURIComponent('text/html\r\nSet-Cookie: sid=evil')}`,
  ];

  it('a link carrying header text in the download URL is refused by the proxy, and never reaches the backend', async () => {
    for (const path of attackPaths()) {
      const viaApp = await rawGet(app.origin + path, authorization);
      expect(viaApp.status, path).toBe(400);
      for (const name of FORBIDDEN) expect(viaApp.names, name).not.toContain(name);
    }
  });

  it('the backend itself: Cyrus 3.6 injects (docs/servers/cyrus.md), the demo server refuses', async () => {
    for (const path of attackPaths()) {
      const direct = await rawGet(backend().origin + path, authorization);
      if (backend().name === 'cyrus') {
        // If this fails, Cyrus was fixed: update docs/servers/cyrus.md (the guards stay).
        expect(direct.headers['set-cookie'], path).toEqual(['sid=evil']);
      } else {
        expect(direct.status, path).toBe(400);
        for (const name of FORBIDDEN) expect(direct.names, name).not.toContain(name);
      }
    }
  });

  it('the bytes downloaded by a clean URL through the proxy are forced to be an attachment', async () => {
    const path = `/jmap/download/${client.accountId}/${part.blobId}/invoice.pdf?accept=text/html`;
    const got = await rawGet(app.origin + path, authorization);
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe('attachment; filename="download"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    for (const name of FORBIDDEN) expect(got.names, name).not.toContain(name);
    expect(Buffer.compare(got.body, CONTENT)).toBe(0);
  });
});
