/**
 * A part's name and type are chosen by whoever sent the mail, and servers copy the
 * download URL's {name} and {type} into response headers (Cyrus 3.6 without escaping
 * CR/LF: docs/servers/cyrus.md). Whatever a caller passes, the URL the client fetches
 * has the constant name "download" and a bare type/subtype: only safe characters, and
 * none of the mail's words. The "server" is an in-process fetch that records URLs.
 */
import { describe, expect, it } from 'vitest';
import { connect } from './client.ts';

const ACCOUNT = 'A1';
const BLOB = 'Gblob_1-x';

async function clientRecordingDownloads() {
  const urls: string[] = [];
  const fetch = async (url: string): Promise<Response> => {
    if (url.includes('/download/')) {
      urls.push(url);
      return new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'application/octet-stream' } });
    }
    return Response.json({
      capabilities: { 'urn:ietf:params:jmap:core': { maxSizeUpload: 1024 }, 'urn:ietf:params:jmap:mail': {} },
      accounts: { [ACCOUNT]: { name: 'a', isPersonal: true, isReadOnly: false, accountCapabilities: {} } },
      primaryAccounts: { 'urn:ietf:params:jmap:mail': ACCOUNT },
      username: 'a',
      apiUrl: '/jmap/api/',
      uploadUrl: '/jmap/upload/{accountId}/',
      downloadUrl: '/jmap/download/{accountId}/{blobId}/{name}?accept={type}',
      eventSourceUrl: '',
      state: '1',
    });
  };
  const client = await connect({ url: 'http://fake.test', auth: { kind: 'bearer', token: 't' }, fetch });
  return { client, urls };
}

const HOSTILE_NAMES: [string, string][] = [
  ['CR/LF and a header', 'report.pdf\r\nSet-Cookie: sid=evil; Path=/\r\nClear-Site-Data: "storage"'],
  ['percent-encoded CR/LF', 'a%0D%0ASet-Cookie:%20x=1'],
  ['NUL and other controls', 'a\u0000b\u0007c\u007fd\u0085e'],
  ['semicolons and quotes', "x.pdf\"; filename*=UTF-8''evil.html; a='b'"],
  ['slashes', 'a/b\\c/../../etc/passwd'],
  ['a dot-dot segment', '..'],
  ['a single dot', '.'],
  ['only dots and dashes', '-.-..'],
  ['query and fragment characters', 'a?accept=text/html&x=1#frag'],
  ['unicode and bidi tricks', 'résumé\u202Efdp.exe 文件 \u{1F600}\u2028\u2029'],
  ['a 10 KB name', 'A'.repeat(10 * 1024) + '.pdf'],
  ['an empty name', ''],
  ['only spaces', '   '],
];

const HOSTILE_TYPES: [string, string][] = [
  ['CR/LF and a header', 'text/plain\r\nSet-Cookie: x=1'],
  ['CR/LF before a parameter', 'text/html\r\nSet-Cookie: x=1; a=b'],
  ['quotes', '"text/html"'],
  ['no subtype', 'text'],
  ['two slashes', 'text/html/x'],
  ['spaces', 'text / html'],
  ['percent-encoding', 'text%2Fhtml%0D%0AX: 1'],
  ['unicode', 'tëxt/plain'],
  ['a 10 KB type', 'a/' + 'b'.repeat(10 * 1024)],
  ['an empty type', ''],
];

/** The template's fixed text, the constant name, and a percent-encoded bare type. */
const SAFE_URL = /^http:\/\/fake\.test\/jmap\/download\/A1\/Gblob_1-x\/download\?accept=[A-Za-z0-9.%_-]+$/;
const BARE_TYPE = /^[a-z0-9][a-z0-9.+_-]*\/[a-z0-9][a-z0-9.+_-]*$/;

function expectSafe(url: string): void {
  expect(url).toMatch(SAFE_URL);
  expect(new URL(url).searchParams.get('accept')).toMatch(BARE_TYPE);
}

describe('download URLs carry no text from the mail', () => {
  for (const [label, name] of HOSTILE_NAMES) {
    it(`a part name with ${label} is not sent: the URL's name is a constant`, async () => {
      const { client, urls } = await clientRecordingDownloads();
      await client.download(BLOB, { name, type: 'application/pdf' });
      const url = urls[0]!;
      expectSafe(url);
      expect(new URL(url).pathname).toBe('/jmap/download/A1/Gblob_1-x/download');
    });
  }

  for (const [label, type] of HOSTILE_TYPES) {
    it(`a part type with ${label} is sent as application/octet-stream`, async () => {
      const { client, urls } = await clientRecordingDownloads();
      await client.download(BLOB, { name: 'x.bin', type });
      expectSafe(urls[0]!);
      expect(new URL(urls[0]!).searchParams.get('accept')).toBe('application/octet-stream');
    });
  }

  it('keeps ordinary types as they are, without parameters, and never sends a name', async () => {
    const { client, urls } = await clientRecordingDownloads();
    await client.download(BLOB, { name: 'Quarterly report 2024.pdf', type: 'application/pdf' });
    await client.download(BLOB, {
      name: 'résumé.docx',
      type: 'Application/VND.openxmlformats-officedocument.wordprocessingml.document; name="x"',
    });
    await client.download(BLOB, { name: 'logo.svg', type: 'image/svg+xml' });
    await client.download(BLOB);
    const parts = urls.map((u) => [new URL(u).pathname.split('/')[5], new URL(u).searchParams.get('accept')]);
    expect(parts).toEqual([
      ['download', 'application/pdf'],
      ['download', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['download', 'image/svg+xml'],
      ['download', 'application/octet-stream'],
    ]);
    for (const u of urls) expectSafe(u);
  });
});
