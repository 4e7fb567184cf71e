/**
 * The worker's push and notification handlers, called directly (no browser: Chromium has
 * no push service offline and DevTools cannot click a notification's action), against the
 * demo server in this process and the real store under fake-indexeddb: a StateChange
 * syncs and shows new unread Inbox mail, one per thread, grouped above three, nothing for
 * mail read elsewhere; "Mark read" and "Archive" are outbox intents queued with no
 * network, sent once when flushed; the badge is the Inbox's unread emails.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInToTestServer } from '../../testing/backends/signedIn.ts';
import { deliver, rawMessage, startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import { EngineHost, inProcessLocks } from '../host/index.ts';
import { accountItems } from '../outbox/index.ts';
import { NOTIFICATIONS, writeSetting, type MailDb } from '../store/index.ts';
import { onNotificationClick, onPush, type PushDeps } from './push.ts';

let server: TestServer;
let db: MailDb;
let host: EngineHost;
let accountId: string;
const shown: { title: string; options: NotificationOptions; closed: boolean }[] = [];
let badge: number | null = null;

const registration: PushDeps['registration'] = {
  showNotification: async (title, options = {}) => {
    for (const n of shown) if (n.options.tag === options.tag) n.closed = true;
    shown.push({ title, options, closed: false });
  },
  getNotifications: async () =>
    shown.filter((n) => !n.closed).map((n) => ({ data: n.options.data, close: () => void (n.closed = true) }) as unknown as Notification),
};
const nav = {
  setAppBadge: async (n?: number) => void (badge = n ?? null),
  clearAppBadge: async () => void (badge = 0),
};
const stateChange = () => ({ '@type': 'StateChange', changed: { [accountId]: { Email: 'x' } } });
const push = () => onPush({ db, host, registration, badge: nav }, stateChange());
const open = () => shown.filter((n) => !n.closed);
const inboxUnread = async () => {
  const r = await server.one('Mailbox/get', { ids: null });
  return (r.list as { role: string; unreadEmails: number }[]).find((m) => m.role === 'inbox')!.unreadEmails;
};

beforeAll(async () => {
  server = await startTestServer();
  ({ db, accountId } = await signedInToTestServer(server, 'sw-push'));
  await writeSetting(db, NOTIFICATIONS, true);
  host = new EngineHost({ db, locks: inProcessLocks() });
  await push(); // the first sync: nothing there was new
});
afterAll(async () => {
  await host.stopAll();
  db.close();
  await server.stop();
});

it('shows new unread Inbox mail once per thread, groups more than three, and shows nothing for mail read elsewhere', async () => {
  expect(open()).toEqual([]);
  const { emailId, threadId } = await deliver(
    server,
    'alice',
    rawMessage({ from: 'Dana Scully <dana@outside.example>', subject: 'Files', body: 'The first words of it.' }),
  );
  await push();
  expect(open()).toHaveLength(1);
  expect(open()[0]).toMatchObject({
    title: 'Dana Scully',
    options: {
      tag: threadId,
      body: expect.stringMatching(/^Files\nThe first words of it/),
      data: { accountId, threadId, emailIds: [emailId] },
    },
  });
  expect(badge).toBe(await inboxUnread());

  // Read elsewhere before the push came: nothing new, and its notification goes.
  const read = await deliver(server, 'alice', rawMessage({ subject: 'Read on the phone' }));
  await server.one('Email/set', { update: { [read.emailId]: { 'keywords/$seen': true } } });
  await server.one('Email/set', { update: { [emailId]: { 'keywords/$seen': true } } });
  await push();
  expect(open()).toEqual([]);

  for (let i = 0; i < 4; i++) await deliver(server, 'alice', rawMessage({ subject: `Batch ${i}` }));
  await push();
  expect(open()).toHaveLength(1);
  expect(open()[0]).toMatchObject({ title: '4 new messages', options: { tag: 'new-mail' } });
  expect((open()[0]!.options.data as { emailIds: string[] }).emailIds).toHaveLength(4);
  expect(badge).toBe(await inboxUnread());
}, 30_000);

it('"Mark read" and "Archive" queue outbox intents with no network, sent once when flushed; a click opens the conversation', async () => {
  shown.length = 0;
  const a = await deliver(server, 'alice', rawMessage({ subject: 'Mark me' }));
  const b = await deliver(server, 'alice', rawMessage({ subject: 'Archive me' }));
  await push();
  const noteOf = (id: string) => open().find((n) => (n.options.data as { emailIds: string[] }).emailIds.includes(id))!;
  const offline = { flush: () => {} }; // the flusher is not woken: as if offline
  const syncTags: string[] = [];
  const click = (id: string, action: string, clients = { matchAll: async () => [], openWindow: async () => null }) => {
    const n = noteOf(id);
    return onNotificationClick(
      {
        db,
        host: { ...offline, syncCycle: host.syncCycle.bind(host), clientFor: host.clientFor.bind(host) },
        badge: nav,
        clients: clients as never,
        registerSync: async (tag) => void syncTags.push(tag),
      },
      { data: n.options.data, close: () => void (n.closed = true) },
      action,
    );
  };
  const before = await inboxUnread();
  await click(a.emailId, 'read');
  await click(b.emailId, 'archive');
  expect(open()).toEqual([]);
  const items = await accountItems(db, accountId);
  expect(items.map((i) => i.intent.kind).sort()).toEqual(['keywords', 'move']);
  // Background Sync is asked to flush when the network is back, the worker alive or not.
  expect(syncTags).toEqual([`outbox:${accountId}`, `outbox:${accountId}`]);
  // The badge counts the person's own change at once, before the server has it.
  expect(badge).toBe(before - 2);

  await host.flushed(accountId, 10_000);
  const got = await server.one('Email/get', { ids: [a.emailId, b.emailId], properties: ['keywords', 'mailboxIds'] });
  const [ea, eb] = got.list as { keywords: Record<string, boolean>; mailboxIds: Record<string, boolean> }[];
  expect(ea!.keywords.$seen).toBe(true);
  expect(Object.keys(eb!.mailboxIds)).toEqual([await server.mailboxId('archive')]);

  // A click: an open window is told to navigate and focused; with none, /?thread=<id>&account=<id> opens.
  const c = await deliver(server, 'alice', rawMessage({ subject: 'Open me' }));
  await push();
  const opened: string[] = [];
  await click(c.emailId, '', { matchAll: async () => [], openWindow: async (url?: string) => (opened.push(url ?? ''), null) });
  expect(opened).toEqual([`/?thread=${encodeURIComponent(c.threadId)}&account=${encodeURIComponent(accountId)}`]);
}, 30_000);
