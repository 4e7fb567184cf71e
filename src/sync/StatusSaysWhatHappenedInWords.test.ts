import { describe, expect, it } from 'vitest';
import { AuthError, HttpError, NetworkError, ProtocolError } from '../jmap/index.ts';
import { describeStatus, statusForError } from './status.ts';

describe('sync status in words', () => {
  it('calls a network failure offline and retries', () => {
    const s = statusForError(new NetworkError('http://mail.example.com/jmap/api/', new Error('ECONNRESET')));
    expect(s).toMatchObject({ kind: 'offline', retry: true });
    expect(s.reason).toMatch(/Can't reach the mail server at mail\.example\.com/);
  });

  it('asks to sign in again on 401 and does not retry by itself', () => {
    const s = statusForError(new AuthError(401, 'http://mail.example.com/jmap/api/'));
    expect(s).toMatchObject({ kind: 'signInNeeded', retry: false });
    expect(s.reason).toMatch(/Wrong username or password\. Sign in again/);
  });

  it('explains server trouble and malformed answers as errors and still retries', () => {
    expect(statusForError(new HttpError(503, 'http://x/jmap/api/', 5000))).toMatchObject({ kind: 'error', retry: true });
    expect(statusForError(new HttpError(503, 'http://x/jmap/api/', 5000)).reason).toMatch(/HTTP 503.*retrying in 5 s/);
    expect(statusForError(new ProtocolError('the answer is not JSON')).reason).toMatch(/cannot read: the answer is not JSON/);
  });

  it('renders each status as one sentence', () => {
    const at = new Date(2024, 4, 1, 14, 5).getTime();
    const base = { accountId: 'a', at, lastSyncedAt: at, retryAt: null, reason: null };
    expect(describeStatus(undefined)).toBe('Not synced yet');
    expect(describeStatus({ ...base, kind: 'upToDate' })).toBe('Up to date at 14:05');
    expect(describeStatus({ ...base, kind: 'syncing' })).toBe('Syncing…');
    expect(describeStatus({ ...base, kind: 'offline', reason: "Can't reach the mail server", retryAt: at + 30_000 }, at)).toBe(
      "Offline: Can't reach the mail server. Last up to date at 14:05. Trying again in 30 s.",
    );
  });
});

describe('storage failures', () => {
  it('recognises a quota error however the store wrapped it', async () => {
    const { isQuotaError } = await import('./status.ts');
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError(new Error('aborted', { cause: quota }))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(statusForError({ name: 'AbortError', inner: quota }).reason).toMatch(/out of storage space/);
  });
});
