import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { scanAccount } from './scan.ts';
import { email, uniqueDbName } from '../../testing/records.ts';

let db: MailDb;
afterEach(() => db?.close());

describe('scanAccount', () => {
  it('visits every row of the account exactly once across page boundaries, and no other account', async () => {
    db = new MailDb(uniqueDbName('scan'));
    const rows = Array.from({ length: 7 }, (_, i) => email('A', `e${i}`, 'T', ['inbox'], i, i % 2 ? 1 : 2));
    await db.emails.bulkPut([...rows, email('B', 'e0', 'T', ['inbox'], 0, 1), email('Z', 'x', 'T', ['inbox'], 0, 1)]);
    for (const page of [1, 2, 3, 7, 8]) {
      const all = await scanAccount(db.emails, 'A', () => true, page);
      expect(all.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
      const old = await scanAccount(db.emails, 'A', (e) => e.gen < 2, page);
      expect(old.map((e) => e.id)).toEqual(['e1', 'e3', 'e5']);
    }
  });
});
