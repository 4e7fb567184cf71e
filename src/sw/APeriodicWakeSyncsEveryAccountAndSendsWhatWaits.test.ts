/**
 * Periodic Background Sync, the worker's handler called directly (Chromium wakes only an
 * installed, well-used app, which no test browser is), against the demo server in this
 * process and the real store under fake-indexeddb: a wake with no page open syncs the
 * account, shows its new Inbox mail, sends what waited in its outbox before the event
 * ends, and sets the badge; a wake of another tag does nothing.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInToTestServer } from '../../testing/backends/signedIn.ts';
import { deliver, rawMessage, startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import { EngineHost, PERIODIC_REFRESH_TAG, inProcessLocks } from '../host/index.ts';
import { accountItems, enqueue } from '../outbox/index.ts';
import { NOTIFICATIONS, writeSetting, type MailDb } from '../store/index.ts';
import { onPeriodicSync, type PeriodicDeps } from './periodic.ts';

let server: TestServer;
let db: MailDb;
let host: EngineHost;
let accountId: string;
const shown: string[] = [];
let badge: number | null = null;

const registration: PeriodicDeps['registration'] = {
  showNotification: async (title) => void shown.push(title),
  getNotifications: async () => [],
};
const wake = (tag = PERIODIC_REFRESH_TAG) =>
  onPeriodicSync(
    { db, host, registration, badge: { setAppBadge: async (n) => void (badge = n ?? null), clearAppBadge: async () => void (badge = 0) } },
    tag,
  );
const mirrored = async (emailId: string) => !!(await db.emails.get([accountId, emailId]));

beforeAll(async () => {
  server = await startTestServer();
  ({ db, accountId } = await signedInToTestServer(server, 'sw-periodic'));
  await writeSetting(db, NOTIFICATIONS, true);
  host = new EngineHost({ db, locks: inProcessLocks() });
  await wake(); // the first sync
});
afterAll(async () => {
  await host.stopAll();
  db.close();
  await server.stop();
});

it('syncs, shows new Inbox mail and sends what waited, all within the wake', async () => {
  const old = await deliver(server, 'alice', rawMessage({ subject: 'Read me later' }));
  await wake();
  expect(await mirrored(old.emailId)).toBe(true);
  // The worker was stopped (no page open); a change queued before waits in the outbox.
  await host.stopAll();
  host = new EngineHost({ db, locks: inProcessLocks() });
  await enqueue(db, accountId, { kind: 'keywords', emailIds: [old.emailId], add: ['$seen'] });
  const fresh = await deliver(server, 'alice', rawMessage({ from: 'Fox Mulder <fox@outside.example>', subject: 'Woken' }));
  shown.length = 0;
  // Its first tries meet a state changed meanwhile: the flush outlasts the sync cycle.
  await server.control({ stateMismatchNext: 2 });

  await wake();
  expect(await mirrored(fresh.emailId)).toBe(true);
  expect(shown).toContain('Fox Mulder');
  expect(await accountItems(db, accountId)).toEqual([]);
  const got = await server.one('Email/get', { ids: [old.emailId], properties: ['keywords'] });
  expect((got.list as { keywords: Record<string, boolean> }[])[0]!.keywords.$seen).toBe(true);
  expect(badge).not.toBeNull();
}, 30_000);

it('does nothing for a wake of another tag', async () => {
  const other = await deliver(server, 'alice', rawMessage({ subject: 'Not yet' }));
  await host.stopAll();
  host = new EngineHost({ db, locks: inProcessLocks() });
  await wake('something-else');
  expect(await mirrored(other.emailId)).toBe(false);
}, 30_000);
