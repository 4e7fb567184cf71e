/**
 * The client side of JMAP Web Push against the demo server in this process: a "browser
 * subscription" made of node keys and a loopback endpoint (as the browser's push service
 * would be) is registered, its verification is answered, a change arrives as a
 * StateChange, a renewal keeps the same subscription, and sign-out destroys it.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  deliver,
  rawMessage,
  startPushEndpoint,
  startTestServer,
  type FakePushEndpoint,
  type TestServer,
} from '../../packages/demo-server/test-harness.ts';
import type { JmapClient } from '../jmap/index.ts';
import { MailDb, readSetting, webPushSubscription } from '../store/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';
import { answerVerification, destroyPushSubscription, ensurePushSubscription, parsePush, RENEW_BEFORE_MS } from './webPush.ts';

let server: TestServer;
let push: FakePushEndpoint;
let db: MailDb;
let host: EngineHost;
let client: JmapClient;
let accountId: string;

beforeAll(async () => {
  server = await startTestServer();
  push = await startPushEndpoint();
  accountId = server.accountId('alice');
  db = new MailDb(`push-${randomUUID()}`);
  await db.credentials.put({ accountId, url: server.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } });
  host = new EngineHost({ db, locks: inProcessLocks() });
  client = await host.clientFor(accountId);
});
afterAll(async () => {
  await host.stopAll();
  db.close();
  await server.stop();
  await push.close();
});

const browser = () => ({ endpoint: push.url, keys: push.keys });
const serverSubscriptions = async () => (await client.call('PushSubscription/get', { ids: null })).list;

it('subscribes with the session key, answers the verification, hears of new mail, renews, and destroys on sign-out', async () => {
  expect(client.applicationServerKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

  const kept = await ensurePushSubscription(client, db, accountId, browser());
  expect(kept).toMatchObject({ endpoint: push.url, verified: false });
  const [onServer] = await serverSubscriptions();
  expect(onServer).toMatchObject({ id: kept.id, types: ['Email', 'Mailbox', 'EmailDelivery'], deviceClientId: expect.any(String) });

  const first = await push.next(2000);
  if (first === 'timeout') throw new Error('no verification pushed');
  const verification = parsePush(first.body);
  if (verification?.['@type'] !== 'PushVerification') throw new Error(`not a verification: ${JSON.stringify(first.body)}`);
  expect(await answerVerification(client, db, accountId, verification)).toBe(true);
  expect((await readSetting(db, webPushSubscription(accountId)))?.verified).toBe(true);

  await deliver(server, 'alice', rawMessage({ subject: 'Pushed to the worker' }));
  const next = await push.next(2000);
  if (next === 'timeout') throw new Error('no StateChange pushed');
  const change = parsePush(next.body);
  expect(change?.['@type']).toBe('StateChange');
  expect(change && 'changed' in change && change.changed[accountId]).toHaveProperty('Email');

  // Asked again: kept as it is; close to its expiry: renewed, the same subscription.
  expect((await ensurePushSubscription(client, db, accountId, browser())).id).toBe(kept.id);
  const renewed = await ensurePushSubscription(client, db, accountId, browser(), kept.expiresMs! - RENEW_BEFORE_MS / 2);
  expect(renewed.id).toBe(kept.id);
  expect(await serverSubscriptions()).toHaveLength(1);

  // Sign-out: gone on the server and here, and nothing more is pushed.
  await destroyPushSubscription(client, db, accountId);
  expect(await serverSubscriptions()).toEqual([]);
  expect(await readSetting(db, webPushSubscription(accountId))).toBeNull();
  await deliver(server, 'alice', rawMessage({ subject: 'After sign-out' }));
  expect(await push.next(1500)).toBe('timeout');
}, 20_000);

it('makes a new subscription for a new browser endpoint and destroys the old one', async () => {
  const a = await ensurePushSubscription(client, db, accountId, browser());
  const other = await startPushEndpoint();
  try {
    const b = await ensurePushSubscription(client, db, accountId, { endpoint: other.url, keys: other.keys });
    expect(b.id).not.toBe(a.id);
    expect((await serverSubscriptions()).map((s) => s.id)).toEqual([b.id]);
    await destroyPushSubscription(client, db, accountId);
  } finally {
    await other.close();
  }
});
