/**
 * Suggestions come from this account's mail on the device: the people the person writes
 * to first, then those who write to them, newer mail weighing more (half-life 30 days);
 * matched on name words and address prefix, case and accents aside; the person's own
 * addresses last; another account's mail never.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DexieSyncCache, MailDb } from '../../store/index.ts';
import { email, mailbox, uniqueDbName } from '../../../testing/records.ts';
import { ContactRanker, suggest, withCards, type ContactMail } from './contacts.ts';
import { buildContacts } from './useContacts.ts';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 5, 1);
const ME = 'alice@example.test';
const person = (name: string, address: string) => ({ name, email: address });

function sentTo(to: { name: string; email: string }, daysAgo: number): ContactMail {
  return { mailboxIds: { sent: true }, receivedMs: NOW - daysAgo * DAY, from: [person('Alice', ME)], to: [to], cc: null };
}
function receivedFrom(from: { name: string; email: string }, daysAgo: number): ContactMail {
  return { mailboxIds: { inbox: true }, receivedMs: NOW - daysAgo * DAY, from: [from], to: [person('Alice', ME)], cc: null };
}
function rank(mail: ContactMail[]) {
  const r = new ContactRanker(new Set(['sent']), new Set([ME]), NOW);
  for (const m of mail) r.add(m);
  return r.table();
}

describe('ranking', () => {
  it('puts whom you wrote to before who wrote to you, even when they wrote more', () => {
    const table = rank([
      sentTo(person('Sam Sent', 'sam@x.org'), 3),
      receivedFrom(person('Sara Received', 'sara@y.org'), 1),
      receivedFrom(person('Sara Received', 'sara@y.org'), 2),
      receivedFrom(person('Sara Received', 'sara@y.org'), 3),
    ]);
    expect(suggest(table, 'sa').map((c) => c.email)).toEqual(['sam@x.org', 'sara@y.org']);
  });

  it('puts recent before old, however often the old was written to', () => {
    const table = rank([
      ...[400, 401, 402, 403, 404].map((d) => sentTo(person('Olga Old', 'olga@x.org'), d)),
      sentTo(person('Olivia New', 'olivia@x.org'), 2),
    ]);
    expect(suggest(table, 'ol').map((c) => c.email)).toEqual(['olivia@x.org', 'olga@x.org']);
  });

  it('counts mail sent from your address outside Sent, and Cc, as written to', () => {
    const table = rank([
      {
        mailboxIds: { archive: true },
        receivedMs: NOW - DAY,
        from: [person('Alice', ME)],
        to: null,
        cc: [person('Carl Cc', 'carl@x.org')],
      },
      ...[1, 2, 3].map((d) => receivedFrom(person('Cara', 'cara@x.org'), d)),
    ]);
    expect(suggest(table, 'ca').map((c) => c.email)).toEqual(['carl@x.org', 'cara@x.org']);
  });

  it('never puts your own address first', () => {
    const table = rank([
      sentTo(person('Alice', ME), 0),
      sentTo(person('Alice', ME), 0),
      receivedFrom(person('Alicia', 'alicia@x.org'), 300),
    ]);
    expect(suggest(table, 'ali').map((c) => c.email)).toEqual(['alicia@x.org', ME]);
  });
});

describe('matching', () => {
  const table = rank([
    sentTo(person('José Álvarez', 'jalvarez@x.org'), 1),
    sentTo(person('Zoë van der Berg', 'zoe@y.org'), 1),
    sentTo(person('', 'no-name@z.org'), 1),
    sentTo(person('Łukasz Ødegaard', 'lo@z.org'), 1),
  ]);
  it('on name words, case and accents aside', () => {
    expect(suggest(table, 'alv').map((c) => c.email)).toEqual(['jalvarez@x.org']);
    expect(suggest(table, 'JOSE AL').map((c) => c.email)).toEqual(['jalvarez@x.org']);
    expect(suggest(table, 'zoe berg').map((c) => c.email)).toEqual(['zoe@y.org']);
    expect(suggest(table, 'erg')).toEqual([]);
    expect(suggest(table, 'luk ode').map((c) => c.email)).toEqual(['lo@z.org']);
    expect(suggest(table, 'ŁUK').map((c) => c.email)).toEqual(['lo@z.org']);
  });
  it('on the start of the address', () => {
    expect(suggest(table, 'no-n').map((c) => c.email)).toEqual(['no-name@z.org']);
    expect(suggest(table, 'JALV').map((c) => c.email)).toEqual(['jalvarez@x.org']);
    expect(suggest(table, 'x.org')).toEqual([]);
  });
  it('at most 8, leaving out who is already a recipient', () => {
    const many = rank(Array.from({ length: 20 }, (_, i) => sentTo(person(`Pat ${i}`, `pat${i}@x.org`), i)));
    expect(suggest(many, 'pat')).toHaveLength(8);
    expect(suggest(many, 'pat', new Set(['pat0@x.org']))[0]!.email).toBe('pat1@x.org');
  });
});

describe('the address book (RFC 9610 cards)', () => {
  it('adds people never mailed after everyone who was, before your own address, and names those it knows', () => {
    const table = rank([
      receivedFrom(person('ROSA!!! Deals', 'rosa@x.org'), 700),
      sentTo(person('Rolf', 'rolf@x.org'), 1),
      sentTo(person('Alice', ME), 0),
    ]);
    const cards = [
      person('Rosa Díaz', 'Rosa@x.org'),
      person('Roberta Card', 'roberta@x.org'),
      { name: null, email: 'ro@x.org' },
      person('Ali Card', 'ali@x.org'),
    ];
    expect(suggest(withCards(table, cards), 'ro').map((c) => [c.name, c.email])).toEqual([
      ['Rolf', 'rolf@x.org'],
      ['Rosa Díaz', 'rosa@x.org'],
      ['Roberta Card', 'roberta@x.org'],
      [null, 'ro@x.org'],
    ]);
    expect(suggest(withCards(table, cards), 'diaz').map((c) => c.email)).toEqual(['rosa@x.org']);
    expect(suggest(withCards(table, cards), 'ali').map((c) => c.email)).toEqual(['ali@x.org', ME]);
    expect(withCards(table, [])).toBe(table);
  });
});

describe('from the mirror', () => {
  let db: MailDb;
  afterEach(() => db?.close());

  it('reads only this account: another account’s people never appear', async () => {
    db = new MailDb(uniqueDbName('contacts'));
    const cache = new DexieSyncCache(db);
    const sent = (acct: string) => ({ ...mailbox(acct, `${acct}-sent`, 1), role: 'sent' as const });
    await cache.apply('a', {
      mailboxes: { put: [sent('a')] },
      emails: {
        put: [
          { ...email('a', 'e1', 't1', ['a-sent'], Date.now() - DAY), from: [person('Alice', ME)], to: [person('Mine', 'mine@x.org')] },
          { ...email('a', 'e2', 't2', ['a-inbox'], Date.now() - DAY), from: [person('Mona', 'mona@x.org')] },
        ],
      },
    });
    await cache.apply('b', {
      mailboxes: { put: [sent('b')] },
      emails: {
        put: [
          { ...email('b', 'e1', 't1', ['b-sent'], Date.now()), from: [person('B', 'b@x.org')], to: [person('Minnie', 'minnie@x.org')] },
        ],
      },
    });
    const table = await buildContacts(db, { id: 'a', name: ME, username: 'alice' });
    expect(table.map((c) => c.email)).toEqual(['mine@x.org', 'mona@x.org']);
    expect(suggest(table, 'mi').map((c) => c.email)).toEqual(['mine@x.org']);
  });
});

it('a key filters the table of 20,000 messages well within a frame', () => {
  const mail = Array.from({ length: 20_000 }, (_, i) =>
    i % 3
      ? receivedFrom(person(`Person ${i % 3000} Q${i % 7}`, `p${i % 3000}@x.org`), i % 400)
      : sentTo(person(`Person ${i % 3000}`, `p${i % 3000}@x.org`), i % 400),
  );
  const built = performance.now();
  const table = rank(mail);
  const buildMs = performance.now() - built;
  const keys = ['zzz', 'person 2999', 'p', 'pe', 'per', 'pers', 'perso', 'person', 'person 1', 'person 12', 'q', 'q3', 'p2', 'p29'];
  const took: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const k of keys) {
      const t = performance.now();
      suggest(table, k);
      took.push(performance.now() - t);
    }
  took.sort((a, b) => a - b);
  const median = took[took.length >> 1]!;
  console.log(
    `${table.length} contacts from 20,000 messages, tallied in ${buildMs.toFixed(1)} ms; a key: median ${median.toFixed(3)} ms, worst ${took[took.length - 1]!.toFixed(3)} ms`,
  );
  expect(median).toBeLessThan(4);
});
