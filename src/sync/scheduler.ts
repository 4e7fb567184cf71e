/**
 * When to sync, kept apart from how to sync (engine.ts) so both can be tested alone.
 *
 * Push first: consume the server's event stream and ask for a sync whenever it reports a
 * change for this account. A server without push (Cyrus 3.6 answers 204:
 * PushUnavailableError) gets polled every `pollIntervalMs` instead. A push stream that
 * breaks is reopened when src/jmap's retry policy says (work 'pushReconnect'); while it is
 * down the scheduler polls, and every reopen asks for a sync because events may have been
 * missed meanwhile. A refused credential is not reopened on a timer: the scheduler polls
 * and the engine, which then meets the same refusal, waits for a new sign-in.
 *
 * The host (service worker or page) adds its own triggers by calling the engine's
 * syncNow on focus, on `online` and on heartbeats: the scheduler does not know about DOM
 * events.
 */
import { retryPolicy, sleep, type RetryPolicy, type StateChange } from '../jmap/index.ts';

export type TriggerReason = 'push' | 'poll' | 'reconnect';
export type SchedulerMode = 'stopped' | 'push' | 'poll';

export interface SchedulerOptions {
  accountId: string;
  onChange: (reason: TriggerReason) => void;
  /** Opens the push stream (JmapClient.events). Absent: poll only. */
  openEvents?: (signal: AbortSignal) => AsyncIterable<StateChange>;
  /** Default 60 s. */
  pollIntervalMs?: number;
  /** When to reopen a broken push stream. Default: src/jmap's shared retryPolicy. */
  retry?: RetryPolicy;
  onModeChange?: (mode: SchedulerMode, why: string) => void;
}

export class SyncScheduler {
  private controller: AbortController | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private currentMode: SchedulerMode = 'stopped';
  private pushLoop: Promise<void> | null = null;

  constructor(private readonly options: SchedulerOptions) {}

  get mode(): SchedulerMode {
    return this.currentMode;
  }

  get pollIntervalMs(): number {
    return this.options.pollIntervalMs ?? 60_000;
  }

  start(): void {
    if (this.controller) return;
    const controller = (this.controller = new AbortController());
    if (!this.options.openEvents) {
      this.setMode('poll', 'no push stream offered');
      return;
    }
    this.pushLoop = this.runPush(controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    this.stopPolling();
    this.currentMode = 'stopped';
    await this.pushLoop;
    this.pushLoop = null;
  }

  private setMode(mode: SchedulerMode, why: string): void {
    if (this.controller === null && mode !== 'stopped') return;
    if (mode === 'poll') this.startPolling();
    else this.stopPolling();
    if (mode !== this.currentMode) {
      this.currentMode = mode;
      this.options.onModeChange?.(mode, why);
    }
  }

  private startPolling(): void {
    this.pollTimer ??= setInterval(() => this.options.onChange('poll'), this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private async runPush(signal: AbortSignal): Promise<void> {
    const open = this.options.openEvents!;
    const policy = this.options.retry ?? retryPolicy;
    let attempt = 0;
    let first = true;
    let delay: number;
    while (!signal.aborted) {
      if (!first) this.options.onChange('reconnect');
      first = false;
      this.setMode('push', 'listening for changes');
      try {
        for await (const event of open(signal)) {
          attempt = 0;
          if (event.changed[this.options.accountId]) this.options.onChange('push');
        }
        if (signal.aborted) return;
        this.setMode('poll', 'the push stream ended');
        delay = policy.backoff(attempt++);
      } catch (error) {
        if (signal.aborted) return;
        const why = error instanceof Error ? error.message : 'the push stream failed';
        const decision = policy.decide(error, attempt++, 'pushReconnect');
        // No push on this server, or the credentials were refused: poll, do not reopen.
        if (!('delayMs' in decision)) {
          this.setMode('poll', why);
          return;
        }
        this.setMode('poll', why);
        delay = decision.delayMs;
      }
      try {
        await sleep(delay, signal);
      } catch {
        return;
      }
    }
  }
}
