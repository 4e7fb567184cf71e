import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { isUnsupported } from './errors.ts';
import { backend, connectAs, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import type { Id } from './wire/core.ts';

/** Applies queryChanges to a cached id list as RFC 8620 §5.6 says: removed first, then added by index. */
function applyQueryChanges(ids: Id[], removed: Id[], added: { id: Id; index: number }[]): Id[] {
  const out = ids.filter((id) => !removed.includes(id));
  for (const a of [...added].sort((x, y) => x.index - y.index)) out.splice(a.index, 0, a.id);
  return out;
}

describe('Email/query, Email/changes and Email/queryChanges', () => {
  it('reports what changed in a mailbox list and in the type, matching a fresh query', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const box = await createMailbox(client);
    const msg = (n: number) =>
      rawMessage({
        from: b.users.bob.email,
        to: b.users.alice.email,
        subject: unique(`q${n}`),
        messageId: `${unique('q')}@test`,
        date: new Date(Date.UTC(2024, 1, n)),
      });
    const ids: Id[] = [];
    for (const n of [1, 2, 3]) ids.push((await importMessage(client, box, msg(n))).id);

    const args = { filter: { inMailbox: box }, sort: [{ property: 'receivedAt', isAscending: false }], calculateTotal: true };
    const first = await client.call('Email/query', args);
    expect(first.ids).toHaveLength(3);
    const emailState = (await client.call('Email/get', { ids: [], properties: ['id'] })).state;

    const added = (await importMessage(client, box, msg(4))).id;
    await client.call('Email/set', { destroy: [ids[1]!] });

    // Type-level changes.
    const changes = await client.call('Email/changes', { sinceState: emailState });
    expect(changes.oldState).toBe(emailState);
    expect(changes.newState).not.toBe(emailState);
    expect(changes.created).toContain(added);
    expect(changes.destroyed).toContain(ids[1]);

    const fresh = await client.call('Email/query', args);
    expect(fresh.ids).toHaveLength(3);
    expect(fresh.ids).toContain(added);
    expect(fresh.ids).not.toContain(ids[1]);

    // Query-level changes: supported where the query said canCalculateChanges.
    try {
      const qc = await client.call('Email/queryChanges', { ...args, sinceQueryState: first.queryState });
      expect(qc.oldQueryState).toBe(first.queryState);
      expect(qc.removed).toContain(ids[1]);
      expect(qc.added.map((a) => a.id)).toContain(added);
      expect(applyQueryChanges(first.ids, qc.removed, qc.added)).toEqual(fresh.ids);
      if (qc.total !== undefined) expect(qc.total).toBe(3);
    } catch (err) {
      // A server may refuse (James has no Email/queryChanges): then it must say so in a
      // way that leads to "refetch the query", and must have warned via canCalculateChanges.
      expect(first.canCalculateChanges).toBe(false);
      expect(isUnsupported(err) || classify(err).action === 'resync').toBe(true);
    }
    if (b.name === 'cyrus') expect(first.canCalculateChanges).toBe(true);
  });
});
