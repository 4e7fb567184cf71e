/**
 * The settings registry: what an older build, another tab or a hand edit left in a row
 * reads back as the setting's type or its default, never as whatever was stored; a
 * signature kept under the old identity-only key is still found and moves to the new key.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterAll, afterEach, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import {
  ATTACHMENTS,
  DEFAULT_ATTACHMENT_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  keptIdentities,
  readSetting,
  readSettings,
  remoteImagesFrom,
  signatureOf,
  SYNC,
  THEME,
  DENSITY,
  writeSetting,
} from './settings.ts';
import { uniqueDbName } from '../../testing/records.ts';

const db = new MailDb(uniqueDbName('settings'));
afterEach(async () => {
  await db.settings.clear();
});

it('reads unexpected stored values as the defaults', async () => {
  await db.settings.bulkPut([
    { key: THEME.key, value: 'purple' },
    { key: DENSITY.key, value: 'tiny' },
    { key: SYNC.key, value: { pollIntervalMs: 10, offlineWindowDays: 'many' } },
    { key: ATTACHMENTS.key, value: { budgetBytes: -5 } },
    { key: keptIdentities('a').key, value: [{ id: 'i1', email: 'me@x.test' }, { id: 3 }, 'junk'] },
    { key: remoteImagesFrom('news@x.test').key, value: 'yes' },
  ]);
  expect(await readSetting(db, THEME)).toBe('system');
  expect(await readSetting(db, DENSITY)).toBe('comfortable');
  expect(await readSetting(db, SYNC)).toEqual(DEFAULT_SYNC_SETTINGS);
  expect(await readSetting(db, ATTACHMENTS)).toEqual(DEFAULT_ATTACHMENT_SETTINGS);
  expect(await readSetting(db, keptIdentities('a'))).toEqual([{ id: 'i1', email: 'me@x.test' }]);
  expect(await readSetting(db, keptIdentities('never-read'))).toBeNull();
  expect(await readSetting(db, remoteImagesFrom('news@x.test'))).toBe(false);
});

it('reads back what was written, senders compared case-blind', async () => {
  const chosen = { pollIntervalMs: 5000, offlineWindowDays: 7, bodyBudgetBytes: 1e9, attachmentMaxBytes: null, attachmentWindowDays: 90 };
  await writeSetting(db, SYNC, chosen);
  await writeSetting(db, remoteImagesFrom('News@X.test'), true);
  await writeSetting(db, DENSITY, 'compact');
  expect(await readSetting(db, DENSITY)).toBe('compact');
  // null is the person's "any size": kept, not read as the default.
  expect(await readSetting(db, SYNC)).toEqual(chosen);
  // Written by an older build: no room chosen (automatic), its days kept, the attachments' defaults.
  await db.settings.put({ key: SYNC.key, value: { pollIntervalMs: 5000, offlineWindowDays: 30 } });
  expect(await readSetting(db, SYNC)).toEqual({
    pollIntervalMs: 5000,
    offlineWindowDays: 30,
    bodyBudgetBytes: null,
    attachmentMaxBytes: 5 * 1024 * 1024,
    attachmentWindowDays: 30,
  });
  expect(await readSettings(db, [remoteImagesFrom('news@x.TEST'), remoteImagesFrom('other@x.test')])).toEqual([true, false]);
});

it('finds a signature under the old key and moves it to the account-scoped one on write', async () => {
  await db.settings.put({ key: 'signature:alice', value: 'Old signature' });
  expect(await readSetting(db, signatureOf('alice', 'alice'))).toBe('Old signature');
  await writeSetting(db, signatureOf('alice', 'alice'), 'New signature');
  expect(await db.settings.get('signature:alice')).toBeUndefined();
  expect(await readSetting(db, signatureOf('alice', 'alice'))).toBe('New signature');
  // Another account whose identity has the same server id keeps its own.
  expect(await readSetting(db, signatureOf('bob', 'alice'))).toBeNull();
});

afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});
