/**
 * The search index counts the messages it holds without their text, so a search can say
 * "N messages' text is not on this device" with one read, never a count over the mirror
 * (at 100,000 messages that count held up the search worker's own query for ~400 ms).
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { body, email, uniqueDbName } from '../../testing/records.ts';
import { MailDb } from './db.ts';
import { indexMirror } from './searchIndexer.ts';
import { indexedWithoutText } from './searchQuery.ts';

let db: MailDb;
afterEach(() => db?.close());
const A = 'A';

it('counts bodiless messages as they come, gain their text and leave the mirror', async () => {
  db = new MailDb(uniqueDbName('search-count'));
  await db.accounts.put({ id: A, sessionUrl: 'x', username: 'u', name: 'u', addedAt: 0 } as never);
  await db.emails.bulkPut(Array.from({ length: 5 }, (_, i) => email(A, `e${i}`, `t${i}`, ['inbox'], i * 1000)));
  await db.bodies.put(body(A, 'e0', 0, 10));
  expect(await indexedWithoutText(db, A)).toBeUndefined();
  await indexMirror(db, A, { flushEvery: 2 });
  expect(await indexedWithoutText(db, A)).toBe(4);
  // Two bodies arrive, one bodiless message leaves, one with its body leaves.
  await db.bodies.bulkPut([body(A, 'e1', 1000, 10), body(A, 'e2', 2000, 10)]);
  await db.emails.bulkDelete([
    [A, 'e3'],
    [A, 'e0'],
  ]);
  await indexMirror(db, A);
  expect(await indexedWithoutText(db, A)).toBe(1);
});

it('counts once an index written before it kept the count, even when nothing changed since', async () => {
  db = new MailDb(uniqueDbName('search-count'));
  await db.accounts.put({ id: A, sessionUrl: 'x', username: 'u', name: 'u', addedAt: 0 } as never);
  await db.emails.bulkPut(Array.from({ length: 3 }, (_, i) => email(A, `e${i}`, `t${i}`, ['inbox'], i * 1000)));
  await indexMirror(db, A, { mirrorSeen: 's1' });
  const meta = (await db.searchMeta.get(A))!;
  delete meta.withoutBody;
  await db.searchMeta.put(meta);
  await indexMirror(db, A, { mirrorSeen: 's1' });
  expect(await indexedWithoutText(db, A)).toBe(3);
});
