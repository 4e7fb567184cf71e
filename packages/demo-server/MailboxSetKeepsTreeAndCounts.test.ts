import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('Mailbox/set and Mailbox/query', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('starts with the standard mailboxes and their roles', async () => {
    const r = await server.one('Mailbox/get', { ids: null, properties: ['name', 'role', 'parentId', 'myRights'] });
    expect((r.list as JsonObject[]).map((m) => m.role)).toEqual(['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash']);
    expect((r.list as JsonObject[])[0]!.myRights).toMatchObject({ mayDelete: false, mayAddItems: true });
  });

  it('refuses duplicates, cycles, a second role holder, and destroying mailboxes with children or mail', async () => {
    const a = createdId(await server.one('Mailbox/set', { create: { a: { name: 'Work', parentId: null } } }), 'a');
    const b = createdId(await server.one('Mailbox/set', { create: { b: { name: 'Reports', parentId: a } } }), 'b');
    const r = await server.one('Mailbox/set', {
      create: {
        dup: { name: 'work', parentId: null },
        role: { name: 'Other inbox', parentId: null, role: 'inbox' },
        badRole: { name: 'X', parentId: null, role: 'nonsense' },
      },
      update: { [a]: { parentId: b } },
      destroy: [a, await server.mailboxId('inbox')],
    });
    expect(r.notCreated).toMatchObject({
      dup: { properties: ['name'] },
      role: { properties: ['role'] },
      badRole: { properties: ['role'] },
    });
    expect(r.notUpdated).toMatchObject({ [a]: { type: 'invalidProperties', properties: ['parentId'] } });
    expect(r.notDestroyed).toMatchObject({ [a]: { type: 'mailboxHasChild' }, [await server.mailboxId('inbox')]: { type: 'forbidden' } });
    const { emailId } = await deliver(server, 'alice', rawMessage());
    const inbox = await server.mailboxId('inbox');
    await server.one('Email/set', { update: { [emailId]: { [`mailboxIds/${b}`]: true } } });
    const hasMail = await server.one('Mailbox/set', { destroy: [b] });
    expect(hasMail.notDestroyed).toMatchObject({ [b]: { type: 'mailboxHasEmail' } });
    const ok = await server.one('Mailbox/set', { destroy: [b], onDestroyRemoveEmails: true });
    expect(ok.destroyed).toEqual([b]);
    // The email was also in the Inbox, so it stays there.
    const e = await server.one('Email/get', { ids: [emailId], properties: ['mailboxIds'] });
    expect(e.list).toEqual([{ id: emailId, mailboxIds: { [inbox]: true } }]);
  });

  it('keeps counts: unread excludes $seen and $draft, threads counted once', async () => {
    const box = createdId(await server.one('Mailbox/set', { create: { c: { name: 'Counting', parentId: null } } }), 'c');
    const acc = server.accountId();
    await server.call([
      [
        'Email/set',
        {
          accountId: acc,
          create: {
            a: { mailboxIds: { [box]: true }, subject: 'a', messageId: ['ca@x'] },
            b: { mailboxIds: { [box]: true }, subject: 'b', inReplyTo: ['ca@x'], references: ['ca@x'] },
            c: { mailboxIds: { [box]: true }, subject: 'c', keywords: { $seen: true } },
            d: { mailboxIds: { [box]: true }, subject: 'd', keywords: { $draft: true } },
          },
        },
        '0',
      ],
    ]);
    const m = await server.one('Mailbox/get', { ids: [box], properties: ['totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads'] });
    expect(m.list).toEqual([{ id: box, totalEmails: 4, unreadEmails: 2, totalThreads: 3, unreadThreads: 1 }]);
  });

  it('queries by role and parent, sorted as a tree', async () => {
    const top = createdId(await server.one('Mailbox/set', { create: { t: { name: 'Aaa top', parentId: null, sortOrder: 0 } } }), 't');
    const kid = createdId(await server.one('Mailbox/set', { create: { k: { name: 'Kid', parentId: top } } }), 'k');
    const byRole = await server.one('Mailbox/query', { filter: { role: 'trash' } });
    expect(byRole.ids).toEqual([await server.mailboxId('trash')]);
    const kids = await server.one('Mailbox/query', { filter: { parentId: top } });
    expect(kids.ids).toEqual([kid]);
    const tree = await server.one('Mailbox/query', { sortAsTree: true, sort: [{ property: 'name' }] });
    const ids = tree.ids as string[];
    expect(ids.indexOf(kid)).toBe(ids.indexOf(top) + 1);
  });
});
