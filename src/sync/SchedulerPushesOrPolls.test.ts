import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError, NetworkError, PushUnavailableError, RetryPolicy, type StateChange } from '../jmap/index.ts';
import { SyncScheduler, type TriggerReason } from './scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

function change(accountId: string): StateChange {
  return { '@type': 'StateChange', changed: { [accountId]: { Email: 's2' } } };
}

/** A push stream the test feeds by hand; ends when the scheduler aborts it. */
function controllableStream() {
  const queue: (StateChange | Error | 'end')[] = [];
  let wake: (() => void) | null = null;
  const push = (x: StateChange | Error | 'end') => {
    queue.push(x);
    wake?.();
  };
  async function* open(signal: AbortSignal): AsyncGenerator<StateChange> {
    while (!signal.aborted) {
      if (!queue.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        continue;
      }
      const x = queue.shift()!;
      if (x === 'end') return;
      if (x instanceof Error) throw x;
      yield x;
    }
  }
  return { push, open };
}

describe('SyncScheduler', () => {
  it('polls every interval when the server has no push (Cyrus 3.6 answers 204)', async () => {
    vi.useFakeTimers();
    const reasons: TriggerReason[] = [];
    const s = new SyncScheduler({
      accountId: 'a',
      pollIntervalMs: 60_000,
      onChange: (r) => reasons.push(r),
      // eslint-disable-next-line require-yield
      openEvents: async function* () {
        throw new PushUnavailableError('http://x/events', 204);
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.mode).toBe('poll');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(reasons).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reasons).toEqual(['poll']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reasons).toEqual(['poll', 'poll', 'poll']);
    await s.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reasons).toHaveLength(3);
  });

  it('asks for a sync on each push event for its account, and does not poll while pushed to', async () => {
    vi.useFakeTimers();
    const reasons: TriggerReason[] = [];
    const stream = controllableStream();
    const s = new SyncScheduler({ accountId: 'a', pollIntervalMs: 1000, onChange: (r) => reasons.push(r), openEvents: stream.open });
    s.start();
    stream.push(change('a'));
    stream.push(change('someone-else'));
    stream.push(change('a'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.mode).toBe('push');
    expect(reasons).toEqual(['push', 'push']);
    await s.stop();
  });

  it('polls while a broken push stream is down, then reconnects and syncs for what it missed', async () => {
    vi.useFakeTimers();
    const reasons: TriggerReason[] = [];
    const stream = controllableStream();
    const s = new SyncScheduler({
      accountId: 'a',
      pollIntervalMs: 1000,
      retry: new RetryPolicy({ baseMs: 2500, jitter: 0 }),
      onChange: (r) => reasons.push(r),
      openEvents: stream.open,
    });
    s.start();
    stream.push(new NetworkError('http://x/events', new Error('reset')));
    await vi.advanceTimersByTimeAsync(1);
    expect(s.mode).toBe('poll');
    await vi.advanceTimersByTimeAsync(2_100);
    expect(reasons).toEqual(['poll', 'poll']);
    await vi.advanceTimersByTimeAsync(500);
    expect(reasons).toEqual(['poll', 'poll', 'reconnect']);
    expect(s.mode).toBe('push');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reasons).toHaveLength(3);
    await s.stop();
    expect(s.mode).toBe('stopped');
  });

  it('does not reopen a push stream the server refused to authenticate: it polls (the engine then waits for a sign-in)', async () => {
    vi.useFakeTimers();
    const reasons: TriggerReason[] = [];
    let opens = 0;
    const s = new SyncScheduler({
      accountId: 'a',
      pollIntervalMs: 1000,
      retry: new RetryPolicy({ baseMs: 100, jitter: 0 }),
      onChange: (r) => reasons.push(r),
      // eslint-disable-next-line require-yield
      openEvents: async function* () {
        opens++;
        throw new AuthError(401, 'http://x/events');
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(opens).toBe(1);
    expect(s.mode).toBe('poll');
    expect(reasons.every((r) => r === 'poll')).toBe(true);
    await s.stop();
  });
});
