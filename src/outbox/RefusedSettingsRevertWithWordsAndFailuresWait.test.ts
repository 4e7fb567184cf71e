/**
 * What the server's answer to a settings change does, as for every other intent: refused
 * for good (forbiddenFrom, invalidProperties, an account without the capability) reverts
 * what the person saw and says why; no Identity/set at all (Cyrus 3.6) keeps the signature
 * on this device with words saying so; a network failure, a 5xx or a 429 waits its backoff;
 * refused credentials wait for a new sign-in.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AuthError, HttpError, MethodError, NetworkError } from '../jmap/index.ts';
import { keptIdentities, readSetting, signatureOf, writeSetting } from '../store/index.ts';
import { ACCOUNT, IDENTITY, dbWithIdentity, recordingClient } from '../../testing/mirror/settingsClient.ts';
import { discardItem, enqueue } from './enqueue.ts';
import { pass } from './flusher.ts';
import { UNTIL_SIGNED_IN } from './intents.ts';
import { listNotices, outboxItems, readPendingSettings } from './queueReads.ts';
import { items } from './tables.ts';

const A = ACCOUNT;
const sync = async () => ({ ok: true });

async function signatureQueued(label: string) {
  const db = await dbWithIdentity(label);
  await writeSetting(db, signatureOf(A, IDENTITY.id), 'Kept before');
  await enqueue(db, A, { kind: 'identityUpdate', identityId: IDENTITY.id, patch: { textSignature: 'New' } });
  return db;
}

describe('refused for good', () => {
  it('puts the signature back and says why when the server refuses the identity change', async () => {
    const db = await signatureQueued('settings-refused');
    const { client } = recordingClient(() => ({
      notUpdated: { [IDENTITY.id]: { type: 'invalidProperties', properties: ['textSignature'], description: 'Too long' } },
    }));
    await pass({ client, db, accountId: A, onNeedSync: sync });
    expect(await readSetting(db, signatureOf(A, IDENTITY.id))).toBe('Kept before');
    expect((await readPendingSettings(db, A)).identities).toEqual({});
    expect(await outboxItems(db, A)).toEqual([]);
    expect(await readSetting(db, keptIdentities(A))).toEqual([IDENTITY]);
    const [notice] = await listNotices(db, A);
    expect(notice?.text).toMatch(/^Change the signature of an identity could not be done: .*Too long/);
    db.close();
  });

  it('drops a vacation change the server refuses and says why', async () => {
    const db = await dbWithIdentity('settings-vacation-refused');
    await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: true, fromDate: 'tomorrow' } });
    const { client } = recordingClient(() => ({ notUpdated: { singleton: { type: 'invalidProperties', properties: ['fromDate'] } } }));
    await pass({ client, db, accountId: A, onNeedSync: sync });
    expect((await readPendingSettings(db, A)).vacation).toBeUndefined();
    expect(await outboxItems(db, A)).toEqual([]);
    expect((await listNotices(db, A))[0]?.text).toMatch(/^Change the vacation response could not be done: /);
    db.close();
  });

  it('asks nothing of an account without identities or vacation response, and says so', async () => {
    const db = await signatureQueued('settings-no-capability');
    await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: true } });
    const { client, calls } = recordingClient(() => ({}), { submission: false, vacation: false });
    await pass({ client, db, accountId: A, onNeedSync: sync });
    expect(calls).toEqual([]);
    expect(await outboxItems(db, A)).toEqual([]);
    expect(await readSetting(db, signatureOf(A, IDENTITY.id))).toBe('Kept before');
    expect((await listNotices(db, A)).map((n) => n.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/no identity to change/), expect.stringMatching(/no vacation response/)]),
    );
    db.close();
  });

  it('keeps the signature on this device, in words, where the server has no Identity/set (Cyrus 3.6)', async () => {
    const db = await signatureQueued('settings-no-identity-set');
    const { client } = recordingClient(() => {
      throw new MethodError('unknownMethod', 'Identity/set', 'c0');
    });
    await pass({ client, db, accountId: A, onNeedSync: sync });
    expect(await readSetting(db, signatureOf(A, IDENTITY.id))).toBe('New');
    expect(await outboxItems(db, A)).toEqual([]);
    expect((await readPendingSettings(db, A)).identities).toEqual({});
    expect((await listNotices(db, A))[0]?.text).toMatch(/signature is kept on this device/);
    db.close();
  });
});

it('puts the signature back when the person discards a change that failed', async () => {
  const db = await signatureQueued('settings-discard');
  const { client } = recordingClient(() => {
    throw new MethodError('invalidArguments', 'Identity/set', 'c0');
  });
  await pass({ client, db, accountId: A, onNeedSync: sync });
  const [item] = await items(db).toArray();
  expect(item?.state).toBe('failed');
  expect(await discardItem(db, item!.id)).toBe(true);
  expect(await readSetting(db, signatureOf(A, IDENTITY.id))).toBe('Kept before');
  expect((await readPendingSettings(db, A)).identities).toEqual({});
  db.close();
});

describe('failures that pass', () => {
  for (const [what, error] of [
    ['no network', new NetworkError('http://mail.test/api', new TypeError('fetch failed'))],
    ['a 503', new HttpError(503, 'http://mail.test/api')],
    ['a 429 with Retry-After', new HttpError(429, 'http://mail.test/api', 30_000)],
  ] as const) {
    it(`keeps the change waiting its backoff after ${what}`, async () => {
      const db = await signatureQueued(`settings-wait-${what}`);
      const { client } = recordingClient(() => {
        throw error;
      });
      const before = Date.now();
      await pass({ client, db, accountId: A, onNeedSync: sync, online: () => true });
      const [item] = await items(db).toArray();
      expect(item).toMatchObject({ state: 'waiting', attempts: 1 });
      expect(item!.notBefore).toBeGreaterThan(before);
      if (what.includes('Retry-After')) expect(item!.notBefore).toBeGreaterThanOrEqual(before + 30_000);
      expect(await readSetting(db, signatureOf(A, IDENTITY.id))).toBe('New');
      expect((await readPendingSettings(db, A)).identities[IDENTITY.id]).toEqual({ textSignature: 'New' });
      db.close();
    });
  }

  it('waits for a new sign-in when the credentials are refused, no timer', async () => {
    const db = await signatureQueued('settings-401');
    await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: true } });
    let told = 0;
    const { client, calls } = recordingClient(() => {
      throw new AuthError(401, 'http://mail.test/api');
    });
    await pass({ client, db, accountId: A, onNeedSync: sync, onSignInNeeded: () => told++ });
    expect(told).toBe(1);
    // The pass ended at the refusal: the vacation change was not sent into it too.
    expect(calls.map((c) => c.method)).toEqual(['Identity/set']);
    const list = await items(db).toArray();
    expect(list.map((i) => [i.state, i.attempts, i.notBefore])).toEqual([
      ['waiting', 0, UNTIL_SIGNED_IN],
      ['waiting', 0, UNTIL_SIGNED_IN],
    ]);
    db.close();
  });
});
