/**
 * The person's offline choice (folders left out, days) is read at every body pass: leaving
 * a folder out frees its mail's text in the next cycle, taking it back downloads it again,
 * a message opened online outside the choice stays until the choice changes again,
 * and a cycle that finds neither mail nor choice changed does not read the mirror for it
 * (with all mail in scope, that read is the whole mirror).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OfflineScope } from './context.ts';
import { SyncEngine } from './engine.ts';
import { EMAIL_BODY_PROPERTIES } from './properties.ts';
import { toBodyRecord } from './records.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';

let mirror: Mirror;
afterAll(() => mirror?.db.close());

describe('the offline choice', () => {
  it('frees and fetches text as folders are left out and taken back, within one cycle each', async () => {
    const { client } = await connectCounting('bob');
    const accountId = client.accountId;
    const stamp = Date.now();
    const mailboxes = (await client.call('Mailbox/get', { accountId, ids: null })).list;
    const inbox = mailboxes.find((m) => m.role === 'inbox')!.id;
    const archive = mailboxes.find((m) => m.role === 'archive')!.id;
    const made = (
      await client.call('Email/set', {
        accountId,
        create: Object.fromEntries(
          [inbox, archive].map((box, i) => [
            `m${i}`,
            {
              mailboxIds: { [box]: true },
              from: [{ name: 'Fay', email: 'fay@example.net' }],
              to: [{ name: null, email: backend().users.bob.email }],
              subject: `Scope ${i} ${stamp}`,
              bodyValues: { b: { value: `Text ${i} of ${stamp}` } },
              textBody: [{ partId: 'b', type: 'text/plain' }],
            },
          ]),
        ),
      })
    ).created!;
    const [inInbox, inArchive] = [made.m0!.id, made.m1!.id];

    mirror = openMirror('scope');
    // One day: this test's own mail, not the whole of bob's account.
    const scope: OfflineScope = { leftOut: [], windowDays: 1, budgetBytes: 1e9 };
    let passes = 0;
    const cache = Object.create(mirror.cache) as typeof mirror.cache;
    cache.emailsInWindow = (...args) => (passes++, mirror.cache.emailsInWindow(...args));
    const engine = new SyncEngine({ client, cache, push: false, scope: async () => ({ ...scope }) });
    const kept = async () => {
      const all = await mirror.cache.emailsInWindow(accountId, [inbox, archive], -Infinity);
      return all.filter((e) => e.hasBody && (e.id === inInbox || e.id === inArchive)).map((e) => e.id);
    };

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await kept()).sort()).toEqual([inInbox, inArchive].sort());

    // Nothing changed: the pass is skipped.
    const before = passes;
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(passes).toBe(before);

    scope.leftOut = [archive];
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual([inInbox]);

    // Opened online while left out (the host keeps what a page fetched): it stays through
    // cycles that change mail but not the choice.
    const [opened] = (
      await client.call('Email/get', { accountId, ids: [inArchive], properties: [...EMAIL_BODY_PROPERTIES], fetchTextBodyValues: true })
    ).list;
    await mirror.cache.apply(accountId, { bodies: { put: [toBodyRecord(accountId, opened!, Date.now())] } });
    await client.call('Email/set', { accountId, update: { [inInbox]: { 'keywords/$seen': true } } });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await kept()).sort()).toEqual([inInbox, inArchive].sort());

    scope.leftOut = [];
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect((await kept()).sort()).toEqual([inInbox, inArchive].sort());
    scope.leftOut = [archive];
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual([inInbox]);
    await client.call('Email/set', { accountId, destroy: [inInbox, inArchive] });
  }, 120_000);
});
