import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { body, email, uniqueDbName } from '../../testing/records.ts';
import type { BodyRecord } from '../sync/cache.ts';
import { MailDb } from './db.ts';
import { forgetMirror } from './forget.ts';
import { indexMirror } from './searchIndexer.ts';
import { BucketCache, searchDevice } from './searchQuery.ts';

let db: MailDb;
afterEach(() => db?.close());

const A = 'A';
const DAY = 86_400_000;

function textBody(id: string, ms: number, text: string, type = 'text/plain'): BodyRecord {
  return { ...body(A, id, ms, text.length), textBody: [{ partId: '1', type } as never], bodyValues: { '1': { value: text } as never } };
}

async function seed(n: number, subjectOf: (i: number) => string) {
  await db.accounts.put({ id: A, sessionUrl: 'x', username: 'u', name: 'u', addedAt: 0 } as never);
  const emails = Array.from({ length: n }, (_, i) => ({ ...email(A, `e${i}`, `t${i}`, ['inbox'], i * DAY), subject: subjectOf(i) }));
  await db.emails.bulkPut(emails);
}

const find = async (text: string) => (await searchDevice(db, A, text)).emailIds;

describe('the device search index', () => {
  it('finds a word that is only in a kept body, as the start of a word, accents folded', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(3, () => 'Weekly notes');
    await db.bodies.put(textBody('e1', DAY, 'The Kestrel résumé is attached.'));
    await indexMirror(db, A);
    expect(await find('kestrel')).toEqual(['e1']);
    expect(await find('kest')).toEqual(['e1']);
    expect(await find('RESUME')).toEqual(['e1']);
    // Every word must match (AND), and the subject's words are there too.
    expect(await find('weekly kestrel')).toEqual(['e1']);
    expect(await find('weekly missing')).toEqual([]);
    // A prefix of the middle of a word is not a match.
    expect(await find('strel')).toEqual([]);
  });

  it('adds a body kept after the email was indexed, and forgets emails that left the mirror', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(2, () => 'Plain');
    expect((await indexMirror(db, A)).added).toBe(2);
    expect(await find('osprey')).toEqual([]);
    await db.bodies.put(textBody('e0', 0, 'An osprey flew by.'));
    const run = await indexMirror(db, A);
    expect(run).toMatchObject({ added: 0, bodiesAdded: 1, docs: 2 });
    expect(await find('osprey')).toEqual(['e0']);
    await db.emails.delete([A, 'e0']);
    expect((await indexMirror(db, A)).removed).toBe(1);
    expect(await find('osprey')).toEqual([]);
    expect(await find('plain')).toEqual(['e1']);
    // Level with the mirror: a run with nothing new writes nothing.
    expect(await indexMirror(db, A)).toMatchObject({ added: 0, bodiesAdded: 0, removed: 0 });
  });

  it('answers newest first whatever order the mail arrived in, and only up to the limit', async () => {
    db = new MailDb(uniqueDbName('search'));
    await db.accounts.put({ id: A, sessionUrl: 'x', username: 'u', name: 'u', addedAt: 0 } as never);
    // A first sync brings the newest mail first, older pages later; new mail after that.
    const put = (from: number, to: number) =>
      db.emails.bulkPut(
        Array.from({ length: to - from }, (_, k) => ({ ...email(A, `e${from + k}`, 't', ['inbox'], (from + k) * DAY), subject: 'report' })),
      );
    await put(80, 100);
    await indexMirror(db, A, { flushEvery: 7 });
    await put(40, 80);
    await indexMirror(db, A, { flushEvery: 7 });
    await put(0, 40);
    await indexMirror(db, A, { flushEvery: 7 });
    await put(100, 105);
    await indexMirror(db, A);
    const all = await searchDevice(db, A, 'report');
    expect(all.total).toBe(105);
    expect(all.emailIds).toEqual(Array.from({ length: 105 }, (_, i) => `e${104 - i}`));
    expect((await searchDevice(db, A, 'report', { limit: 3 })).emailIds).toEqual(['e104', 'e103', 'e102']);
  });

  it('indexes the words of an HTML-only body, not its tags', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(1, () => 'x');
    await db.bodies.put(textBody('e0', 0, '<div class="gadget"><style>.p{color:red}</style><b>Heron</b>&nbsp;sighting</div>', 'text/html'));
    await indexMirror(db, A);
    expect(await find('heron sighting')).toEqual(['e0']);
    expect(await find('gadget')).toEqual([]);
    expect(await find('color')).toEqual([]);
  });

  it('goes with the mirror, and writes nothing for an account signed out meanwhile', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(2, () => 'Grebe');
    await indexMirror(db, A);
    await forgetMirror(db, A);
    expect(await db.searchDocs.count()).toBe(0);
    expect(await db.searchTerms.count()).toBe(0);
    expect(await db.searchMeta.count()).toBe(0);
    await seed(2, () => 'Grebe');
    await db.accounts.delete(A);
    await expect(indexMirror(db, A)).rejects.toThrow();
    expect(await db.searchTerms.count()).toBe(0);
  });

  it('reads nothing more when the mirror is as it was when the index was last made level', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(2, () => 'Tern');
    expect((await indexMirror(db, A, { mirrorSeen: 'state-1' })).added).toBe(2);
    // Written behind the digest's back: a run told the same digest does not look.
    await db.emails.put({ ...email(A, 'late', 't', ['inbox'], 5 * DAY), subject: 'Tern' });
    expect((await indexMirror(db, A, { mirrorSeen: 'state-1' })).added).toBe(0);
    expect((await indexMirror(db, A, { mirrorSeen: 'state-2' })).added).toBe(1);
    expect(await find('tern')).toEqual(['late', 'e1', 'e0']);
  });

  it('reads a bucket once while a word is typed letter by letter', async () => {
    db = new MailDb(uniqueDbName('search'));
    await seed(5, (i) => `budget ${i}`);
    await indexMirror(db, A);
    const cache = new BucketCache();
    let reads = 0;
    const real = db.searchTerms.where.bind(db.searchTerms);
    db.searchTerms.where = ((...args: Parameters<typeof real>) => (reads++, real(...args))) as typeof real;
    for (const typed of ['bu', 'bud', 'budg', 'budge', 'budget'])
      expect((await searchDevice(db, A, typed, { cache })).emailIds).toHaveLength(5);
    expect(reads).toBe(1);
  });
});
