/**
 * Runs the sync engine for signed-in accounts: in the service worker, or (no worker
 * controls the page yet: first visit, some private modes) in a page. Wherever it runs,
 * an account's engine runs only while this host holds the account's Web Lock, so one
 * engine per origin syncs however many tabs and workers are alive.
 *
 * Every start is a cold start: the engine resumes from the states stored in the mirror,
 * so a worker killed when idle (~30 s) or after an event's ~5 minutes loses nothing. The
 * page's heartbeat (every ~20 s while visible) wakes the worker and calls ensure(), which
 * restarts what is not running; the engine's own scheduler then reopens the push stream
 * or polls.
 *
 * Retries follow src/jmap's one retry policy, the same one the engine and the flusher are
 * given. Refused credentials (401/403), whether at sign-in, in a sync or in a flush, stop
 * the account's loops with the status "sign in again"; they are not tried again until
 * new credentials are stored (the next ensure) or the person asks (syncNow), once.
 */
import {
  AuthError,
  connect,
  reachedThroughHere,
  retryPolicy,
  type Auth,
  type Email,
  type FetchLike,
  type JmapClient,
  type RetryPolicy,
} from '../jmap/index.ts';
import { DEFAULT_SYNC_OPTIONS, SyncEngine, statusForError, type EngineEvent, type SyncStatus } from '../sync/index.ts';
import { toBodyRecord } from '../sync/records.ts';
import { DexieSyncCache, readSyncSettings, type MailDb } from '../store/index.ts';
import { MAX_AUTO_BODY_BYTES, readOfflineScope } from './offlineScope.ts';
import { accountItems, createFlusher, waitForSignIn, type Flusher } from '../outbox/index.ts';
import { engineLockName, inProcessLocks, webLocks, type LockLike } from './lock.ts';
import type { HostReply } from './messages.ts';
import { answer } from './answers.ts';
import { HostFailure, type HostAnswer } from './requests.ts';

export interface EngineHostOptions {
  db: MailDb;
  fetch?: FetchLike;
  locks?: LockLike;
  /** Overrides the stored setting (tests). */
  pollIntervalMs?: number;
  /** When to retry: signing in, the engine and the flusher. Default: src/jmap's shared retryPolicy. */
  retry?: RetryPolicy;
  onEvent?: (accountId: string, event: EngineEvent) => void;
}

interface Running {
  controller: AbortController;
  engine: SyncEngine | null;
  /** Drains the account's outbox next to the engine (same client, same lock holder). */
  flusher: Flusher | null;
  /** The engine's connected client, while it runs: page requests are answered with it too. */
  client: JmapClient | null;
  running: boolean;
  reason: string | null;
  /** Resolves the current wait between connection attempts early (syncNow, heartbeat). */
  wake: () => void;
  done: Promise<void>;
}

export class EngineHost {
  private readonly accounts = new Map<string, Running>();
  private readonly cache: DexieSyncCache;
  private readonly locks: LockLike;
  /** Engines started by this host (a restarted worker starts from 0). */
  starts = 0;
  /**
   * Credentials the server refused, per account: heartbeats come every 20 s, and trying a
   * wrong password that often can get an account locked. The same credentials are not
   * tried again until the person asks (syncNow); new ones (signed in again) are tried at once.
   */
  private readonly refused = new Map<string, string>();
  private readonly retry: RetryPolicy;
  /**
   * For accounts whose engine does not run here (another host holds the lock, or it is
   * still connecting): one client per account, connected once for the pages' requests
   * and kept (its session refetched only when the server says it changed).
   */
  private readonly readers = new Map<string, { fingerprint: string; client: Promise<JmapClient> }>();

  constructor(private readonly options: EngineHostOptions) {
    this.cache = new DexieSyncCache(options.db);
    this.locks = options.locks ?? webLocks() ?? inProcessLocks();
    this.retry = options.retry ?? retryPolicy;
  }

  /**
   * Accounts being signed out here: heartbeats for the other accounts do not start them
   * again between their engine's stop and the page's wipe (which would fill the mirror
   * again). Their own ensure (a new sign-in's heartbeat) takes them out.
   */
  private readonly leaving = new Set<string>();

  /**
   * A page's heartbeat: EVERY signed-in account's engine runs here (or waits for its
   * lock), not only the one the page shows, so each account's mirror stays current and
   * each outbox reaches its own server whichever account is on screen.
   */
  async heartbeat(accountId: string): Promise<HostReply> {
    this.ensure(accountId);
    for (const id of await this.options.db.accounts.toCollection().primaryKeys()) {
      if (id !== accountId && !this.leaving.has(id)) this.ensure(id);
    }
    return this.reply(accountId);
  }

  /**
   * The network is back (a page's \`online\`): the page's account syncs now, and every
   * other signed-in account's waits end too (its connect's, its engine's, its flusher's
   * backoff), so what was queued offline in an account not on screen goes out now, not
   * at the end of a backoff. Credentials refused before are not tried again for those
   * (nobody asked for that account): their loops stay stopped.
   */
  async networkBack(accountId: string): Promise<void> {
    for (const id of await this.options.db.accounts.toCollection().primaryKeys()) {
      if (id === accountId || this.leaving.has(id)) continue;
      const entry = this.accounts.get(id);
      if (!entry) {
        this.ensure(id);
        continue;
      }
      entry.wake();
      entry.flusher?.wake(true);
      void entry.engine?.syncNow().catch(() => undefined);
    }
    await this.syncNow(accountId);
  }

  /** Sign-out: the account's engine stops, and no other account's heartbeat starts it again. */
  async signOut(accountId: string): Promise<void> {
    this.leaving.add(accountId);
    await this.stop(accountId);
  }

  /** Starts the account's engine unless it already runs here (or waits for the lock). */
  ensure(accountId: string): HostReply {
    this.leaving.delete(accountId);
    const existing = this.accounts.get(accountId);
    if (existing && !existing.controller.signal.aborted) {
      existing.wake();
      return this.reply(accountId);
    }
    const controller = new AbortController();
    const entry: Running = {
      controller,
      engine: null,
      flusher: null,
      client: null,
      running: false,
      reason: 'Waiting for another tab or the background worker',
      wake: () => {},
      done: Promise.resolve(),
    };
    this.accounts.set(accountId, entry);
    entry.done = this.locks
      .request(engineLockName(accountId), { signal: controller.signal }, async () => {
        entry.running = true;
        entry.reason = null;
        try {
          await this.run(accountId, entry);
        } finally {
          entry.running = false;
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) entry.reason = describe(error);
      })
      .finally(() => {
        if (this.accounts.get(accountId) === entry) this.accounts.delete(accountId);
      });
    return this.reply(accountId);
  }

  /**
   * A sync cycle now (starting the engine first if needed). Resolves when it ran. A page
   * or the person asked: refused credentials are tried once more.
   */
  async syncNow(accountId: string): Promise<void> {
    this.refused.delete(accountId);
    const entry = this.accounts.get(accountId);
    if (!entry) {
      this.ensure(accountId);
      return;
    }
    entry.wake();
    entry.flusher?.wake(true);
    if (entry.engine) await entry.engine.syncNow();
  }

  /**
   * One sync cycle, starting the engine first when it does not run here (a push woke a
   * worker with no page open); resolves when the cycle ran, or after `withinMs` when the
   * engine could not start (offline, another host holds the account: that one syncs).
   */
  async syncCycle(accountId: string, withinMs = 20_000): Promise<void> {
    this.refused.delete(accountId);
    const end = Date.now() + withinMs;
    let entry = this.accounts.get(accountId);
    if (!entry) this.ensure(accountId);
    while (!(entry = this.accounts.get(accountId))?.engine) {
      if (!entry || Date.now() >= end) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await entry.engine.syncNow();
  }

  /** Something was queued in the outbox (by a page): flush it now. */
  flush(accountId: string): void {
    const entry = this.accounts.get(accountId);
    if (!entry) this.ensure(accountId);
    else entry.flusher?.wake(true);
  }

  /**
   * Background Sync's event: flush now and resolve once nothing of the account's outbox
   * waits any more (sent, or failed for good with a notice). Rejects, in words, when
   * something still waits after `withinMs` (offline, the server busy, a sign-in needed):
   * the browser then fires the event again later, all tabs closed or not. Holding the
   * event no longer than the work also lets the browser close or stop the worker at once.
   */
  async flushed(accountId: string, withinMs = 60_000): Promise<void> {
    const end = Date.now() + withinMs;
    this.flush(accountId);
    for (;;) {
      await this.accounts.get(accountId)?.flusher?.idle();
      const left = (await accountItems(this.options.db, accountId)).filter((i) => i.state !== 'failed').length;
      if (left === 0) return;
      if (Date.now() >= end) throw new Error(`${left} change${left === 1 ? '' : 's'} still waiting to reach the server`);
      await new Promise((r) => setTimeout(r, Math.min(250, end - Date.now())));
    }
  }

  /** Stops the account's engine and releases its lock. */
  async stop(accountId: string): Promise<void> {
    this.readers.delete(accountId);
    const entry = this.accounts.get(accountId);
    if (!entry) return;
    entry.controller.abort();
    entry.wake();
    await entry.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.accounts.keys()].map((id) => this.stop(id)));
  }

  reply(accountId: string): HostReply {
    const entry = this.accounts.get(accountId);
    return { accountId, running: entry?.running ?? false, reason: entry ? entry.reason : 'Not started', starts: this.starts };
  }

  /**
   * A page's request (src/host/requests.ts), checked and answered with the account's one
   * client: the running engine's, else one connected once for requests. Never throws.
   */
  async answer(data: unknown): Promise<HostAnswer> {
    const result = await answer(data, (accountId) => this.clientOf(accountId), this.retry, {
      keep: (accountId, email) => this.keepBody(accountId, email),
      downloadScope: (accountId) => this.downloadEverything(accountId),
    });
    if (!result.ok && result.error.kind === 'signInNeeded' && typeof data === 'object' && data !== null) {
      const accountId = String((data as { accountId?: unknown }).accountId);
      // Refused: the next request connects again (with new credentials, once stored).
      this.readers.delete(accountId);
      await this.refusedToPage(accountId, result.error.message);
    }
    return result;
  }

  /**
   * "Download everything now": the account's engine runs a cycle at once whose body and
   * attachment passes fetch whatever of the offline choice is missing. Not running here
   * yet: it is started (and downloads as it syncs); false says so.
   */
  private async downloadEverything(accountId: string): Promise<boolean> {
    this.refused.delete(accountId);
    const engine = this.accounts.get(accountId)?.engine;
    if (!engine) {
      this.ensure(accountId);
      return false;
    }
    void engine.downloadEverything();
    return true;
  }

  /**
   * A body a page opened, kept in the mirror's body table as the engine keeps one (counted
   * in the usage, dropped if the mail is not in the mirror), so it opens again offline;
   * over the budget the oldest bodies go first, as after the engine's body pass.
   */
  private async keepBody(accountId: string, email: Email): Promise<void> {
    await this.cache.apply(accountId, { bodies: { put: [toBodyRecord(accountId, email, Date.now())] } });
    const budget = this.accounts.get(accountId)?.engine?.bodyBudgetBytes ?? DEFAULT_SYNC_OPTIONS.bodyBudgetBytes;
    if ((await this.cache.bodyBytes(accountId)) > budget) await this.cache.evictBodies(accountId, budget);
  }

  /**
   * The server refused the credentials a page's request used: the same rule as at sign-in
   * or in a sync (CONTEXT.md). Without it, every click on a message asked again with the
   * refused password (which can lock the account) and the status said nothing.
   */
  private async refusedToPage(accountId: string, message: string): Promise<void> {
    const credentials = await this.options.db.credentials.get(accountId);
    if (!credentials) return; // No sign-in on the device: nothing was asked of a server.
    const fingerprint = JSON.stringify([credentials.url, credentials.auth]);
    if (this.refused.get(accountId) === fingerprint) return; // Known already: nothing was asked.
    const entry = this.accounts.get(accountId);
    if (entry && !entry.controller.signal.aborted) {
      await this.refuse(accountId, entry, fingerprint, new AuthError(401, credentials.url, message));
      return;
    }
    this.refused.set(accountId, fingerprint);
    await this.writeStatus(accountId, 'signInNeeded', message).catch(() => undefined);
  }

  /** The account's one client (the running engine's, else the one kept for requests): Web Push calls use it. */
  clientFor(accountId: string): Promise<JmapClient> {
    return this.clientOf(accountId);
  }

  private async clientOf(accountId: string): Promise<JmapClient> {
    const running = this.accounts.get(accountId)?.client;
    if (running) return running;
    const credentials = await this.options.db.credentials.get(accountId);
    if (!credentials) throw new HostFailure('signInNeeded', 'This device has no sign-in for the account. Sign in again.');
    const fingerprint = JSON.stringify([credentials.url, credentials.auth]);
    if (this.refused.get(accountId) === fingerprint)
      throw new HostFailure('signInNeeded', 'The mail server refused this sign-in. Sign in again.');
    const kept = this.readers.get(accountId);
    if (kept?.fingerprint === fingerprint) return kept.client;
    const client = connect({
      url: credentials.url,
      auth: credentials.auth as Auth,
      fetch: this.options.fetch,
      rewriteUrlsToOrigin: reachedThroughHere(credentials.url),
      timeoutMs: 20_000,
    });
    const reader = { fingerprint, client };
    this.readers.set(accountId, reader);
    // A failed connect is not kept: the next request tries again.
    client.catch(() => {
      if (this.readers.get(accountId) === reader) this.readers.delete(accountId);
    });
    return client;
  }

  /** Holding the lock: connect (retrying while offline), run the engine until stopped. */
  private async run(accountId: string, entry: Running): Promise<void> {
    const { db } = this.options;
    const signal = entry.controller.signal;
    for (let attempt = 0; !signal.aborted; attempt++) {
      const credentials = await db.credentials.get(accountId);
      if (!credentials) {
        // Signed out (no account either): nothing to say, and no row to leave behind.
        if (!(await db.accounts.get(accountId))) return;
        await this.writeStatus(accountId, 'signInNeeded', 'This device has no sign-in for the account. Sign in again.');
        return;
      }
      const fingerprint = JSON.stringify([credentials.url, credentials.auth]);
      if (this.refused.get(accountId) === fingerprint) return;
      let client: JmapClient;
      try {
        client = await connect({
          url: credentials.url,
          auth: credentials.auth as Auth,
          fetch: this.options.fetch,
          rewriteUrlsToOrigin: reachedThroughHere(credentials.url),
          signal,
        });
      } catch (error) {
        if (signal.aborted) return;
        const { kind, reason } = statusForError(error);
        const decision = this.retry.decide(error, attempt, 'signIn');
        const delay = 'delayMs' in decision ? decision.delayMs : null;
        await this.writeStatus(accountId, kind, reason, delay === null ? null : Date.now() + delay);
        entry.reason = reason;
        // A wrong password is not retried by itself: the person must sign in again.
        if (decision.action === 'reauthenticate') {
          this.refused.set(accountId, fingerprint);
          await waitForSignIn(db, accountId, error).catch(() => undefined);
        }
        if (delay === null) return;
        await this.pause(entry, delay);
        continue;
      }
      const settings = await readSyncSettings(db);
      const engine = new SyncEngine({
        client,
        cache: this.cache,
        accountId,
        pollIntervalMs: this.options.pollIntervalMs ?? settings.pollIntervalMs,
        // The offline choice is read again at every body pass: a change applies within a cycle.
        scope: () => readOfflineScope(db, accountId),
        bodyBudgetBytes: MAX_AUTO_BODY_BYTES,
        retry: this.retry,
        onEvent: (event) => {
          this.options.onEvent?.(accountId, event);
          // The engine already wrote "sign in again"; stop everything until new credentials.
          const detail = event.detail as { kind?: string; error?: unknown } | undefined;
          if (event.type === 'failure' && detail?.kind === 'signInNeeded')
            void this.refuse(accountId, entry, fingerprint, detail.error, true);
        },
      });
      entry.engine = engine;
      entry.client = client;
      this.readers.delete(accountId);
      this.starts++;
      void engine.start();
      // The flusher syncs through the engine: a server's answer shows once the mirror has it.
      entry.flusher = createFlusher({
        client,
        db,
        accountId,
        retry: this.retry,
        onNeedSync: () => engine.syncNow(),
        onSignInNeeded: (error) => void this.refuse(accountId, entry, fingerprint, error),
      });
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      entry.engine = null;
      entry.client = null;
      await entry.flusher?.stop();
      entry.flusher = null;
      await engine.stop();
      return;
    }
  }

  /**
   * The server refused these credentials while the engine or flusher ran: stop both
   * (the intents stay queued, saying they wait for a sign-in), remember the refusal, and
   * say "sign in again" (the engine already did when it met the refusal).
   */
  private async refuse(accountId: string, entry: Running, fingerprint: string, error: unknown, engineWroteStatus = false): Promise<void> {
    if (entry.controller.signal.aborted) return;
    this.refused.set(accountId, fingerprint);
    entry.controller.abort();
    await entry.done;
    // The flusher is stopped now: no pass races this. Whether the engine's sync or the
    // flusher met the refusal first, every waiting intent says it waits for a sign-in.
    await waitForSignIn(this.options.db, accountId, error).catch(() => undefined);
    if (engineWroteStatus) return;
    const { kind, reason } = statusForError(error);
    entry.reason = reason;
    await this.writeStatus(accountId, kind, reason).catch(() => undefined);
  }

  /** Waits `ms`, or less when woken (heartbeat, syncNow, online) or stopped. */
  private pause(entry: Running, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        entry.wake = () => {};
        resolve();
      }
      entry.wake = done;
    });
  }

  private async writeStatus(accountId: string, kind: SyncStatus['kind'], reason: string, retryAt: number | null = null): Promise<void> {
    const previous = await this.cache.getStatus(accountId);
    await this.cache.setStatus({ accountId, kind, reason, at: Date.now(), lastSyncedAt: previous?.lastSyncedAt ?? null, retryAt });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
