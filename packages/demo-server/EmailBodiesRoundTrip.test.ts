import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPng } from './seed/files.ts';
import { createdId, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('Email bodies: built with nodemailer on create, parsed back per RFC 8621', () => {
  let server: TestServer;
  let drafts: string;
  beforeAll(async () => {
    server = await startTestServer();
    drafts = await server.mailboxId('drafts');
  });
  afterAll(async () => {
    await server.stop();
  });
  const upload = async (bytes: Buffer, type: string) => {
    const res = await fetch(`${server.origin}/jmap/upload/${server.accountId()}/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': type },
      body: new Uint8Array(bytes),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { blobId: string; size: number; type: string; accountId: string };
  };
  const download = async (blobId: string, name = 'f', accept = 'application/octet-stream') => {
    const res = await fetch(
      `${server.origin}/jmap/download/${server.accountId()}/${blobId}/${encodeURIComponent(name)}?accept=${encodeURIComponent(accept)}`,
      { headers: { Authorization: server.auth() } },
    );
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  };

  it('text + HTML + inline image + attachment: the three body lists, part blobs and body values', async () => {
    const png = gradientPng(40, 20, [255, 0, 0], [0, 0, 255]);
    const img = await upload(png, 'image/png');
    const notes = await upload(Buffer.from('Ceci est une pièce jointe.\n'), 'text/plain');
    const created = await server.one('Email/set', {
      create: {
        e: {
          mailboxIds: { [drafts]: true },
          from: [{ name: 'Alice Example', email: 'alice@example.test' }],
          to: [{ name: 'Zoë', email: 'zoe@example.com' }],
          subject: 'Pictures — naïve café',
          textBody: [{ partId: 'text', type: 'text/plain' }],
          htmlBody: [{ partId: 'html', type: 'text/html' }],
          bodyValues: { text: { value: 'See the picture. Ünïcödé.' }, html: { value: '<p>See <img src="cid:pic1@x"> Ünïcödé.</p>' } },
          attachments: [
            { blobId: img.blobId, type: 'image/png', name: 'pic.png', disposition: 'inline', cid: 'pic1@x' },
            { blobId: notes.blobId, type: 'text/plain', name: 'notes été.txt' },
          ],
        },
      },
    });
    const id = createdId(created, 'e');
    const got = await server.one('Email/get', {
      ids: [id],
      properties: [
        'subject',
        'hasAttachment',
        'preview',
        'bodyStructure',
        'textBody',
        'htmlBody',
        'attachments',
        'bodyValues',
        'size',
        'blobId',
      ],
      fetchTextBodyValues: true,
      fetchHTMLBodyValues: true,
    });
    const e = (got.list as JsonObject[])[0]!;
    expect(e.subject).toBe('Pictures — naïve café');
    expect(e.hasAttachment).toBe(true);
    expect(e.preview).toBe('See the picture. Ünïcödé.');
    const text = (e.textBody as JsonObject[])[0]!;
    const html = (e.htmlBody as JsonObject[])[0]!;
    expect(text).toMatchObject({ type: 'text/plain', charset: 'utf-8', disposition: null });
    expect(html).toMatchObject({ type: 'text/html' });
    expect((e.bodyValues as Record<string, JsonObject>)[text.partId as string]).toEqual({
      value: 'See the picture. Ünïcödé.',
      isEncodingProblem: false,
      isTruncated: false,
    });
    expect((e.bodyValues as Record<string, JsonObject>)[html.partId as string]!.value).toContain('<img src="cid:pic1@x">');
    const atts = e.attachments as JsonObject[];
    expect(atts.map((a) => [a.name, a.type, a.cid, a.disposition])).toEqual([
      ['pic.png', 'image/png', 'pic1@x', 'inline'],
      ['notes été.txt', 'text/plain', null, 'attachment'],
    ]);
    expect(atts[0]!.size).toBe(png.length);
    const bs = e.bodyStructure as JsonObject;
    expect(bs.type).toBe('multipart/mixed');
    expect(bs.partId).toBeNull();
    expect(bs.blobId).toBeNull();
    // Part blobs download decoded, with the type asked for.
    const dl = await download(atts[0]!.blobId as string, 'pic.png', 'image/png');
    expect(dl.status).toBe(200);
    expect(dl.type).toBe('image/png');
    expect(dl.bytes.equals(png)).toBe(true);
    // Never the URL's name (text from the mail): a constant one (packages/app-origin/jmap-guard.ts).
    expect(dl.disposition).toBe('attachment; filename="download"');
    // The whole message downloads as the raw RFC 5322 bytes.
    const raw = await download(e.blobId as string, 'm.eml', 'message/rfc822');
    expect(raw.bytes.length).toBe(e.size);
    expect(raw.bytes.toString('utf8')).toMatch(/^Content-Type: multipart\/mixed;/m);
  });

  it('maxBodyValueBytes truncates on a character boundary and says so', async () => {
    const created = await server.one('Email/set', {
      create: {
        e: {
          mailboxIds: { [drafts]: true },
          subject: 't',
          textBody: [{ partId: '1', type: 'text/plain' }],
          bodyValues: { '1': { value: 'ééééé' } },
        },
      },
    });
    const got = await server.one('Email/get', {
      ids: [createdId(created, 'e')],
      properties: ['bodyValues', 'textBody'],
      fetchTextBodyValues: true,
      maxBodyValueBytes: 5,
    });
    const e = (got.list as JsonObject[])[0]!;
    const pid = (e.textBody as JsonObject[])[0]!.partId as string;
    expect((e.bodyValues as Record<string, JsonObject>)[pid]).toEqual({ value: 'éé', isEncodingProblem: false, isTruncated: true });
  });

  it('creates from a full bodyStructure, and header properties in every form', async () => {
    const blob = await upload(Buffer.from('a,b\n1,2\n'), 'text/csv');
    const created = await server.one('Email/set', {
      create: {
        e: {
          mailboxIds: { [drafts]: true },
          from: [{ name: 'Alice', email: 'alice@example.test' }],
          'header:To:asAddresses': [
            { name: 'Team Ö', email: 'team@example.com' },
            { name: null, email: 'x@example.com' },
          ],
          subject: 'Structure',
          sentAt: '2026-03-04T05:06:07Z',
          messageId: ['s-1@example.test'],
          references: ['a@example.test', 'b@example.test'],
          'header:List-Unsubscribe:asURLs': ['https://example.com/u', 'mailto:u@example.com'],
          'header:X-Custom-Thing': ' raw value',
          bodyStructure: {
            type: 'multipart/mixed',
            subParts: [
              { partId: 'p1', type: 'text/plain' },
              { blobId: blob.blobId, type: 'text/csv', name: 'data.csv', disposition: 'attachment' },
            ],
          },
          bodyValues: { p1: { value: 'Body from structure' } },
        },
      },
    });
    const id = createdId(created, 'e');
    const got = await server.one('Email/get', {
      ids: [id],
      properties: [
        'to',
        'sentAt',
        'messageId',
        'references',
        'header:Subject:asText',
        'header:Subject',
        'header:To:asGroupedAddresses',
        'header:List-Unsubscribe:asURLs',
        'header:X-Custom-Thing',
        'header:x-custom-thing:all',
        'header:Date:asDate',
        'header:Message-ID:asMessageIds',
        'attachments',
        'textBody',
        'bodyValues',
      ],
      fetchAllBodyValues: true,
      bodyProperties: ['partId', 'name', 'type', 'header:Content-Type'],
    });
    const e = (got.list as JsonObject[])[0]!;
    expect(e.to).toEqual([
      { name: 'Team Ö', email: 'team@example.com' },
      { name: null, email: 'x@example.com' },
    ]);
    expect(e['header:To:asGroupedAddresses']).toEqual([{ name: null, addresses: e.to }]);
    expect(e.sentAt).toBe('2026-03-04T05:06:07Z');
    expect(e['header:Date:asDate']).toBe('2026-03-04T05:06:07Z');
    expect(e.messageId).toEqual(['s-1@example.test']);
    expect(e['header:Message-ID:asMessageIds']).toEqual(['s-1@example.test']);
    expect(e.references).toEqual(['a@example.test', 'b@example.test']);
    expect(e['header:Subject:asText']).toBe('Structure');
    expect(e['header:Subject']).toBe(' Structure');
    expect(e['header:List-Unsubscribe:asURLs']).toEqual(['https://example.com/u', 'mailto:u@example.com']);
    expect(e['header:X-Custom-Thing']).toBe(' raw value');
    expect(e['header:x-custom-thing:all']).toEqual([' raw value']);
    expect(e.attachments).toEqual([
      { partId: '2', name: 'data.csv', type: 'text/csv', 'header:Content-Type': expect.stringContaining('text/csv') },
    ]);
    expect(Object.values(e.bodyValues as Record<string, JsonObject>).map((v) => v.value)).toEqual(['Body from structure', 'a,b\n1,2\n']);
  });

  it('refuses bad creates with readable SetErrors', async () => {
    const r = await server.one('Email/set', {
      create: {
        noBox: { subject: 'x' },
        badBlob: { mailboxIds: { [drafts]: true }, attachments: [{ blobId: 'Gnope', type: 'text/plain' }] },
        both: {
          mailboxIds: { [drafts]: true },
          bodyStructure: { type: 'text/plain', partId: '1' },
          textBody: [{ partId: '1' }],
          bodyValues: { '1': { value: 'x' } },
        },
        serverSet: { mailboxIds: { [drafts]: true }, size: 3 },
        cte: { mailboxIds: { [drafts]: true }, 'header:Content-Transfer-Encoding': 'base64' },
      },
    });
    const nc = r.notCreated as Record<string, JsonObject>;
    expect(nc.noBox).toMatchObject({ type: 'invalidProperties', properties: ['mailboxIds'] });
    expect(nc.badBlob).toMatchObject({ type: 'blobNotFound', notFound: ['Gnope'] });
    expect(nc.both).toMatchObject({ type: 'invalidProperties', properties: ['bodyStructure'] });
    expect(nc.serverSet).toMatchObject({ type: 'invalidProperties', properties: ['size'] });
    expect(nc.cte).toMatchObject({ type: 'invalidProperties' });
    expect(r.created).toBeNull();
  });

  it('imports an uploaded message, and parses a forwarded message/rfc822 attachment without storing it', async () => {
    const inner = [
      'From: =?ISO-8859-1?Q?Ren=E9?= <rene@example.fr>',
      'To: alice@example.test',
      'Subject: =?ISO-8859-1?Q?Caf=E9?=',
      'Message-ID: <inner@example.fr>',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'D=E9j=E0 vu',
      '',
    ].join('\r\n');
    const outer = [
      'From: Bob <bob@example.test>',
      'To: alice@example.test',
      'Subject: Fwd: Café',
      'Message-ID: <outer@example.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Forwarding this.',
      '--b1',
      'Content-Type: message/rfc822',
      "Content-Disposition: attachment; filename*=utf-8''caf%C3%A9.eml",
      '',
      inner,
      '--b1--',
      '',
    ].join('\r\n');
    const blob = await upload(Buffer.from(outer, 'latin1'), 'message/rfc822');
    const inbox = await server.mailboxId('inbox');
    const imp = await server.one('Email/import', {
      emails: { i: { blobId: blob.blobId, mailboxIds: { [inbox]: true }, keywords: { $Seen: true }, receivedAt: '2026-01-02T03:04:05Z' } },
    });
    const created = (imp.created as Record<string, JsonObject>).i!;
    expect(created).toMatchObject({ blobId: blob.blobId, size: blob.size });
    const got = await server.one('Email/get', {
      ids: [created.id as string],
      properties: ['subject', 'keywords', 'receivedAt', 'attachments', 'textBody'],
    });
    const e = (got.list as JsonObject[])[0]!;
    expect(e).toMatchObject({ subject: 'Fwd: Café', keywords: { $seen: true }, receivedAt: '2026-01-02T03:04:05Z' });
    const att = (e.attachments as JsonObject[])[0]!;
    expect(att).toMatchObject({ type: 'message/rfc822', name: 'café.eml' });
    const parsed = await server.one('Email/parse', {
      blobIds: [att.blobId as string, 'Gmissing'],
      properties: ['subject', 'from', 'messageId', 'bodyValues', 'textBody', 'id', 'mailboxIds'],
      fetchTextBodyValues: true,
    });
    const p = (parsed.parsed as Record<string, JsonObject>)[att.blobId as string]!;
    expect(p).toMatchObject({
      subject: 'Café',
      from: [{ name: 'René', email: 'rene@example.fr' }],
      messageId: ['inner@example.fr'],
      id: null,
      mailboxIds: null,
    });
    expect(Object.values(p.bodyValues as Record<string, JsonObject>)[0]!.value).toBe('Déjà vu\n');
    expect(parsed.notFound).toEqual(['Gmissing']);
  });
});
