/**
 * The yardstick of the sync benchmarks: the very rows the engine wrote, put into a fresh
 * database with nothing but Dexie bulkPut, `perTransaction` emails per transaction. Runs in
 * node (fake-indexeddb) and in the browser (imported by browser/syncPage.ts).
 */
import { Dexie } from 'dexie';
import { MailDb } from '../../src/store/db.ts';

export interface MirrorRows {
  emails: unknown[];
  threads: unknown[];
  tim: unknown[];
}

export async function bareBulkPut(name: string, rows: MirrorRows, perTransaction: number): Promise<{ ms: number; transactions: number }> {
  const db = new MailDb(name);
  await db.open();
  const started = performance.now();
  const n = Math.max(1, Math.ceil(rows.emails.length / perTransaction));
  for (let i = 0; i < n; i++) {
    const part = <T>(list: T[]) => list.slice(Math.floor((list.length * i) / n), Math.floor((list.length * (i + 1)) / n));
    await db.transaction('rw', [db.emails, db.threads, db.threadInMailbox], async () => {
      await db.emails.bulkPut(part(rows.emails) as never[]);
      await db.threads.bulkPut(part(rows.threads) as never[]);
      await db.threadInMailbox.bulkPut(part(rows.tim) as never[]);
    });
  }
  const elapsed = performance.now() - started;
  db.close();
  await Dexie.delete(name);
  return { ms: Math.round(elapsed * 10) / 10, transactions: n };
}
