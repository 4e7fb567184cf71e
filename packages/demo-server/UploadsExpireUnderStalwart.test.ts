import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-harness.ts';

describe('uploads no email uses expire after an hour under the stalwart profile', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });
  const upload = async (text: string) => {
    const res = await fetch(`${server.origin}/jmap/upload/${server.accountId()}/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': 'text/plain' },
      body: text,
    });
    return ((await res.json()) as { blobId: string }).blobId;
  };
  const download = (blobId: string) =>
    fetch(`${server.origin}/jmap/download/${server.accountId()}/${blobId}/x.txt`, { headers: { Authorization: server.auth() } });

  it('drops an unused upload after 1 h, keeps one an email uses, and a re-upload starts the hour again', async () => {
    server = await startTestServer({ profile: 'stalwart' });
    const loose = await upload('loose');
    const used = await upload('used');
    const drafts = await server.mailboxId('drafts');
    await server.one('Email/set', {
      create: {
        d: {
          mailboxIds: { [drafts]: true },
          subject: 'with attachment',
          attachments: [{ blobId: used, type: 'text/plain', name: 'u.txt' }],
        },
      },
    });
    await server.control({ clockOffsetMs: 61 * 60 * 1000 });
    expect((await download(loose)).status).toBe(404);
    const late = await server.one('Email/set', {
      create: { d: { mailboxIds: { [drafts]: true }, attachments: [{ blobId: loose, type: 'text/plain' }] } },
    });
    expect(late.notCreated).toMatchObject({ d: { type: 'blobNotFound', notFound: [loose] } });
    expect(await upload('loose')).toBe(loose);
    expect((await download(loose)).status).toBe(200);
  });

  it('keeps uploads under the default profile', async () => {
    server = await startTestServer();
    const blob = await upload('kept');
    await server.control({ clockOffsetMs: 48 * 60 * 60 * 1000 });
    expect((await download(blob)).status).toBe(200);
  });
});
