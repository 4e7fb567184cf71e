import { describe, expect, it } from 'vitest';
import { backend, connectAs, countingFetch, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';

describe('batching with back-references', () => {
  it('runs Email/query -> Email/get -> Thread/get in ONE HTTP request', async () => {
    const b = backend();
    const counter = countingFetch();
    const client = await connectAs('alice', { fetch: counter.fetch });
    const box = await createMailbox(client);
    const subjects = [unique('first'), unique('second'), unique('third')];
    for (const [i, subject] of subjects.entries()) {
      await importMessage(
        client,
        box,
        rawMessage({
          from: b.users.bob.email,
          to: b.users.alice.email,
          subject,
          messageId: `${unique('m')}@test`,
          date: new Date(Date.UTC(2024, 0, 1 + i)),
        }),
      );
    }

    const postsBefore = counter.posts(client.apiUrl);
    const batch = client.batch();
    const q = batch.call('Email/query', { filter: { inMailbox: box }, sort: [{ property: 'receivedAt', isAscending: true }] });
    const g = batch.call('Email/get', { '#ids': q.ref('/ids'), properties: ['subject', 'threadId', 'receivedAt'] });
    const t = batch.call('Thread/get', { '#ids': g.ref('/list/*/threadId') });
    await batch.send();

    expect(counter.posts(client.apiUrl) - postsBefore).toBe(1);
    expect(q.result.ids).toHaveLength(3);
    expect(g.result.list.map((e) => e.subject).sort()).toEqual([...subjects].sort());
    expect(t.result.list.flatMap((th) => th.emailIds).sort()).toEqual([...q.result.ids].sort());
  });
});
