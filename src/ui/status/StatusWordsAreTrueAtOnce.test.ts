import { describe, expect, it } from 'vitest';
import type { SyncProgress, SyncStatus } from '../../sync/cache.ts';
import { CHECKING_MS, statusWords, type StatusFacts } from './statusWords.ts';

const at = new Date(2024, 4, 1, 14, 5).getTime();
const upToDate: SyncStatus = { accountId: 'a', kind: 'upToDate', reason: null, at, lastSyncedAt: at, retryAt: null };
const syncing: SyncStatus = { ...upToDate, kind: 'syncing', at: at + 1000 };
const done: SyncProgress = {
  accountId: 'a',
  gen: 1,
  listing: { state: 'done', anchorId: 'x', position: 2000, total: 2000, startedAt: at, finishedAt: at },
  bodies: { state: 'done', done: 0, total: 0, bytes: 0, budgetBytes: 0, finishedAt: at },
};
const listing = (position: number, total: number | null, gen = 1): SyncProgress => ({
  ...done,
  gen,
  listing: { ...done.listing, state: position ? 'running' : 'pending', position, total, finishedAt: null },
});

const facts = (over: Partial<StatusFacts>): StatusFacts => ({
  status: upToDate,
  progress: done,
  mirrored: undefined,
  online: true,
  backOnlineAt: null,
  workerAnswers: true,
  waiting: 0,
  now: at + 5000,
  ...over,
});

describe('the network goes away', () => {
  it('says offline at once while the stored status still says up to date', () => {
    expect(statusWords(facts({ online: false }))).toBe(
      'Offline: what you do is kept on this device and sent when you are back online. Last up to date at 14:05.',
    );
  });

  it('counts what waits in the outbox while offline', () => {
    expect(statusWords(facts({ online: false, waiting: 3 }))).toMatch(/back online\. 3 changes wait to go\. Last up to date/);
    expect(statusWords(facts({ online: false, waiting: 1 }))).toMatch(/ 1 change waits to go\./);
  });

  it('says offline before the first sync ever finished, with no last time', () => {
    expect(statusWords(facts({ online: false, status: undefined, progress: undefined }))).toBe(
      'Offline: what you do is kept on this device and sent when you are back online.',
    );
  });

  it('says offline during the first download instead of a count that is not moving', () => {
    expect(statusWords(facts({ online: false, status: syncing, progress: listing(400, 2000), mirrored: 450 }))).toMatch(/^Offline:/);
  });
});

describe('the network comes back', () => {
  it('says it is checking while the stored status is older than the return', () => {
    expect(statusWords(facts({ backOnlineAt: at + 4000 }))).toBe('Checking for new mail…');
  });

  it('says the engine’s word once it wrote one after the return', () => {
    expect(statusWords(facts({ backOnlineAt: at + 4000, status: { ...upToDate, at: at + 4500, lastSyncedAt: at + 4500 } }))).toBe(
      'Up to date at 14:05',
    );
    expect(statusWords(facts({ backOnlineAt: at - 1000 }))).toBe('Up to date at 14:05');
  });

  it('stops saying it is checking when nothing answered for a while', () => {
    expect(statusWords(facts({ backOnlineAt: at + 4000, now: at + 4000 + CHECKING_MS }))).toBe('Up to date at 14:05');
  });
});

describe('the background worker stops answering', () => {
  it('says it does not sync, whatever the stored status says', () => {
    expect(statusWords(facts({ workerAnswers: false, waiting: 2 }))).toBe(
      'Not syncing: the background worker does not answer (reload the page if this lasts). What you do is kept on this device. 2 changes wait to go. Last up to date at 14:05.',
    );
  });

  it('still says offline first when the network is gone too', () => {
    expect(statusWords(facts({ workerAnswers: false, online: false }))).toMatch(/^Offline:/);
  });
});

describe('the first download', () => {
  it('says it is fetching, with no number, while the mirror holds nothing yet', () => {
    expect(statusWords(facts({ status: syncing, progress: undefined }))).toBe('Fetching your mail…');
    expect(statusWords(facts({ status: syncing, progress: listing(0, null), mirrored: 0 }))).toBe('Fetching your mail…');
  });

  it('counts what the mirror holds, the first page included, not the listing position', () => {
    expect(statusWords(facts({ status: syncing, progress: listing(0, null), mirrored: 180 }))).toBe(
      'Fetching your mail: 180 messages on this device.',
    );
    expect(statusWords(facts({ status: syncing, progress: listing(400, 2000), mirrored: 452 }))).toBe(
      'Fetching your mail: 452 of 2,000 messages on this device.',
    );
  });

  it('keeps the count beside a failure that interrupted it', () => {
    const offline: SyncStatus = { ...upToDate, kind: 'offline', reason: "Can't reach the mail server", lastSyncedAt: null, at: at + 2000 };
    expect(statusWords(facts({ status: offline, progress: listing(400, 2000), mirrored: 452 }))).toBe(
      "Offline: Can't reach the mail server. 452 of 2,000 messages on this device so far.",
    );
  });

  it('says a resync re-checks the mail rather than counting a mirror that is already full', () => {
    expect(statusWords(facts({ status: syncing, progress: listing(400, 2000, 2), mirrored: 2000 }))).toBe(
      'Checking all your mail with the server: 400 of 2,000.',
    );
  });
});

describe('message text for offline reading', () => {
  it('says how far it got while it downloads bodies, not that it checks for new mail', () => {
    const bodies = { ...done, bodies: { ...done.bodies, state: 'running' as const, done: 120, total: 300, finishedAt: null } };
    expect(statusWords(facts({ status: syncing, progress: bodies }))).toBe('Keeping message text for reading offline: 120 of 300.');
  });
});

describe('an ordinary day', () => {
  it('says it checks for new mail during a delta, and up to date after', () => {
    expect(statusWords(facts({ status: syncing }))).toBe('Checking for new mail…');
    expect(statusWords(facts({}))).toBe('Up to date at 14:05');
  });
});
