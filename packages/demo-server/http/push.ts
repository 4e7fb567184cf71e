import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Profile } from '../profiles.ts';
import { accountModseq, allStates } from '../data/changes.ts';
import type { Db } from '../data/db.ts';
import type { User } from '../data/users.ts';
import { DATA_TYPES, type DataType, type StateChange } from '../wire.ts';
import { problem } from './respond.ts';

/**
 * The event source (RFC 8620 7.3): text/event-stream with "state" events carrying a
 * StateChange and "ping" events. Event ids are the account's modseq, so a client that
 * reconnects with Last-Event-ID gets the states it missed at once.
 */
interface Stream {
  accountId: string;
  types: Set<DataType> | 'all';
  res: ServerResponse;
  closeAfterState: boolean;
  pingMs: number;
  pingTimer: NodeJS.Timeout | null;
}

const MAX_PING_SECONDS = 600;

export class PushHub {
  private streams = new Set<Stream>();
  private pending = new Map<string, Set<DataType>>();
  private scheduled = false;
  private listeners: ((accountId: string, changed: Set<DataType>) => void)[] = [];
  private readonly db: Db;
  private readonly profile: Profile;

  constructor(db: Db, profile: Profile) {
    this.db = db;
    this.profile = profile;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Hears every merged change after commit, as the event streams do (Web Push). */
  listen(fn: (accountId: string, changed: Set<DataType>) => void): void {
    this.listeners.push(fn);
  }

  /** Called after each commit; events for one tick are merged into one per account. */
  notify(accountId: string, types: Set<DataType>): void {
    let set = this.pending.get(accountId);
    if (!set) this.pending.set(accountId, (set = new Set()));
    for (const t of types) set.add(t);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const pending = this.pending;
      this.pending = new Map();
      for (const [acc, changed] of pending) {
        for (const s of [...this.streams]) if (s.accountId === acc) this.sendState(s, changed);
        for (const fn of this.listeners) fn(acc, changed);
      }
    });
  }

  /** Closes every open event stream abruptly (the test control's "cut the push stream"). */
  cutAll(): number {
    const n = this.streams.size;
    for (const s of [...this.streams]) {
      this.drop(s);
      s.res.destroy();
    }
    return n;
  }

  closeAll(): void {
    for (const s of [...this.streams]) {
      this.drop(s);
      s.res.end();
    }
  }

  open(req: IncomingMessage, res: ServerResponse, user: User, url: URL): void {
    const rules = this.profile.push;
    if (!rules.enabled) {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const q = url.searchParams;
    const missing = rules.requiredParams.filter((p) => !q.has(p));
    if (missing.length) throw problem(400, `The event source needs the query parameters ${missing.join(', ')}`);
    const typesParam = q.get('types');
    let types: Set<DataType> | 'all';
    if (typesParam === null || typesParam === '') types = rules.typesRequired ? new Set() : 'all';
    else if (typesParam === '*') types = 'all';
    else {
      const names = typesParam.split(',').map((t) => t.trim());
      const unknown = names.filter((t) => !DATA_TYPES.includes(t as DataType));
      if (unknown.length && rules.rejectUnknownTypes) throw problem(400, `Unknown push types: ${unknown.join(', ')}`);
      types = new Set(names.filter((t): t is DataType => DATA_TYPES.includes(t as DataType)));
    }
    const closeAfter = q.get(rules.closeAfterParam) ?? 'no';
    if (closeAfter !== 'state' && closeAfter !== 'no') throw problem(400, `${rules.closeAfterParam} must be "state" or "no"`);
    const pingRaw = q.get('ping') ?? '0';
    if (!/^\d+$/.test(pingRaw)) throw problem(400, 'ping must be a number of seconds');
    let ping = Number(pingRaw);
    if (ping > 0) ping = Math.min(MAX_PING_SECONDS, Math.max(rules.minPingSeconds, ping));
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const stream: Stream = {
      accountId: user.accountId,
      types,
      res,
      closeAfterState: closeAfter === 'state',
      pingMs: ping * 1000,
      pingTimer: null,
    };
    this.streams.add(stream);
    req.socket.setNoDelay(true);
    res.on('close', () => this.drop(stream));
    this.armPing(stream);
    const lastId = req.headers['last-event-id'];
    if (rules.eventIds && typeof lastId === 'string' && /^\d+$/.test(lastId)) {
      const since = Number(lastId);
      const missed = new Set([...allStates(this.db, user.accountId)].filter(([, modseq]) => modseq > since).map(([t]) => t));
      if (missed.size) this.sendState(stream, missed);
    }
  }

  private drop(s: Stream): void {
    if (s.pingTimer) clearTimeout(s.pingTimer);
    s.pingTimer = null;
    this.streams.delete(s);
  }

  private armPing(s: Stream): void {
    if (s.pingTimer) clearTimeout(s.pingTimer);
    if (s.pingMs <= 0) return;
    s.pingTimer = setTimeout(() => {
      const interval = this.profile.push.pingUnit === 'milliseconds' ? s.pingMs : s.pingMs / 1000;
      s.res.write(`event: ping\ndata: ${JSON.stringify({ interval })}\n\n`);
      this.armPing(s);
    }, s.pingMs);
  }

  private sendState(s: Stream, changed: Set<DataType>): void {
    const states = allStates(this.db, s.accountId);
    const out: Partial<Record<DataType, string>> = {};
    for (const t of changed) {
      if (s.types !== 'all' && !s.types.has(t)) continue;
      out[t] = String(states.get(t) ?? 0);
    }
    if (Object.keys(out).length === 0) return;
    const event: StateChange = { '@type': 'StateChange', changed: { [s.accountId]: out } };
    const id = this.profile.push.eventIds ? `id: ${accountModseq(this.db, s.accountId)}\n` : '';
    s.res.write(`event: state\n${id}data: ${JSON.stringify(event)}\n\n`);
    if (s.closeAfterState) {
      this.drop(s);
      s.res.end();
      return;
    }
    this.armPing(s);
  }
}
