/**
 * A signature or vacation response changed with no network shows at once and after a
 * reload (the queue and its overlays are in IndexedDB), compose's signature is the new
 * one, and edits of the same object queued meanwhile go out as one update with the last
 * value of each property.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MailDb, keptIdentities, readSetting, signatureOf } from '../store/index.ts';
import { ACCOUNT, IDENTITY, dbWithIdentity, recordingClient } from '../../testing/mirror/settingsClient.ts';
import { enqueue } from './enqueue.ts';
import { pass } from './flusher.ts';
import { outboxItems, readPendingSettings } from './queueReads.ts';

const A = ACCOUNT;

it('shows a signature and a vacation response changed offline at once and after a reload', async () => {
  const db = await dbWithIdentity('settings-offline');
  await enqueue(db, A, { kind: 'identityUpdate', identityId: IDENTITY.id, patch: { textSignature: 'New signature' } });
  await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: true, subject: 'Away', textBody: 'Back Monday' } });

  const reopened = new MailDb(db.name);
  for (const d of [db, reopened]) {
    expect(await readSetting(d, signatureOf(A, IDENTITY.id))).toBe('New signature');
    const pending = await readPendingSettings(d, A);
    expect(pending.identities[IDENTITY.id]).toEqual({ textSignature: 'New signature' });
    expect(pending.vacation).toEqual({ isEnabled: true, subject: 'Away', textBody: 'Back Monday' });
    expect(pending.vacationAccepted).toBe(false);
    expect((await outboxItems(d, A)).map((i) => i.summary)).toEqual([
      'Change the signature of an identity',
      'Change the vacation response',
    ]);
  }
  db.close();
  reopened.close();
});

it('sends the last value of each property once, for edits of the same identity and vacation queued meanwhile', async () => {
  const db = await dbWithIdentity('settings-coalesce');
  await enqueue(db, A, { kind: 'identityUpdate', identityId: IDENTITY.id, patch: { textSignature: 'First', name: 'Al' } });
  await enqueue(db, A, { kind: 'identityUpdate', identityId: IDENTITY.id, patch: { textSignature: 'Second' } });
  await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: true, subject: 'Away' } });
  await enqueue(db, A, { kind: 'vacationUpdate', patch: { isEnabled: false } });
  const { client, calls } = recordingClient((method) =>
    method === 'Identity/set' ? { updated: { [IDENTITY.id]: null } } : { updated: { singleton: null } },
  );

  await pass({ client, db, accountId: A, onNeedSync: async () => ({ ok: true }) });

  expect(calls).toEqual([
    { method: 'Identity/set', args: { accountId: A, update: { [IDENTITY.id]: { textSignature: 'Second', name: 'Al' } } } },
    { method: 'VacationResponse/set', args: { accountId: A, update: { singleton: { isEnabled: false, subject: 'Away' } } } },
  ]);
  expect(await outboxItems(db, A)).toEqual([]);
  // The identities kept on this device (compose reads them offline) have the server's new values.
  expect(await readSetting(db, keptIdentities(A))).toEqual([{ ...IDENTITY, textSignature: 'Second', name: 'Al' }]);
  expect((await readPendingSettings(db, A)).vacationAccepted).toBe(true);

  // Nothing is left to send: a second pass asks nothing.
  await pass({ client, db, accountId: A, onNeedSync: async () => ({ ok: true }) });
  expect(calls).toHaveLength(2);
  db.close();
});
