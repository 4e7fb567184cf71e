import { describe, expect, it } from 'vitest';
import { backend, connectAs, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';

describe('threads, parsing, snippets and mailbox changes', () => {
  it("puts a reply in its parent's thread and reports the thread in Thread/changes", async () => {
    const b = backend();
    const client = await connectAs('alice');
    const box = await createMailbox(client);
    const threadState = (await client.call('Thread/get', { ids: [] })).state;
    const rootId = `${unique('root')}@test`;
    const subject = unique('Thread topic');
    const root = await importMessage(
      client,
      box,
      rawMessage({ from: b.users.bob.email, to: b.users.alice.email, subject, messageId: rootId }),
    );
    const reply = await importMessage(
      client,
      box,
      rawMessage({
        from: b.users.alice.email,
        to: b.users.bob.email,
        subject: `Re: ${subject}`,
        messageId: `${unique('reply')}@test`,
        inReplyTo: rootId,
      }),
    );
    const emails = await client.call('Email/get', { ids: [root.id, reply.id], properties: ['threadId'] });
    const [t1, t2] = emails.list.map((e) => e.threadId);
    expect(t1).toBeTruthy();
    expect(t2).toBe(t1);
    const thread = await client.call('Thread/get', { ids: [t1!] });
    expect([...thread.list[0]!.emailIds].sort()).toEqual([root.id, reply.id].sort());
    const changes = await client.call('Thread/changes', { sinceState: threadState });
    expect([...changes.created, ...changes.updated]).toContain(t1);
  });

  it('parses an uploaded message without importing it (Email/parse)', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const subject = unique('Parsed only');
    const blob = await client.upload(
      rawMessage({ from: b.users.bob.email, to: b.users.alice.email, subject, messageId: `${unique('p')}@test` }),
      'message/rfc822',
    );
    const res = await client.call('Email/parse', {
      blobIds: [blob.blobId, 'Gdoesnotexist00000000000000000000000000'],
      properties: ['subject', 'from'],
    });
    expect(res.parsed?.[blob.blobId]?.subject).toBe(subject);
    expect(res.parsed?.[blob.blobId]?.from?.[0]?.email).toBe(b.users.bob.email);
    expect([...(res.notFound ?? []), ...(res.notParsable ?? [])]).toContain('Gdoesnotexist00000000000000000000000000');
  });

  it('answers SearchSnippet/get for the asked emails', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const box = await createMailbox(client);
    const word = unique('zebra').replace('-', '');
    const m = await importMessage(
      client,
      box,
      rawMessage({
        from: b.users.bob.email,
        to: b.users.alice.email,
        subject: `About ${word}`,
        messageId: `${unique('s')}@test`,
        body: `The ${word} is striped.`,
      }),
    );
    const res = await client.call('SearchSnippet/get', { filter: { text: word }, emailIds: [m.id] });
    // Highlighting depends on the server's search index (Cyrus indexes asynchronously),
    // so only the shape is certain: one snippet for the one email asked.
    expect(res.list.map((s) => s.emailId)).toEqual([m.id]);
  });

  it('lists a created mailbox in Mailbox/changes and finds it with Mailbox/query', async () => {
    const client = await connectAs('alice');
    const state = (await client.call('Mailbox/get', { ids: [] })).state;
    const name = unique('Projects');
    const created = await client.call('Mailbox/set', { create: { p: { name, parentId: null } } });
    const id = created.created!.p!.id;
    const changes = await client.call('Mailbox/changes', { sinceState: state });
    expect(changes.created).toContain(id);
    const q = await client.call('Mailbox/query', { filter: { name }, sort: [{ property: 'name' }] });
    expect(q.ids).toContain(id);
    await client.call('Mailbox/set', { destroy: [id], onDestroyRemoveEmails: true });
    expect((await client.call('Mailbox/get', { ids: [id] })).notFound).toEqual([id]);
  });
});
