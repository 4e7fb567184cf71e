/**
 * Push over the event source (RFC 8620 §7.3), read with fetch + eventsource-parser
 * because the browser's EventSource cannot send an Authorization header.
 *
 * Server differences handled here:
 * - Cyrus 3.6 (Debian) advertises eventSourceUrl but answers 204: PushUnavailableError,
 *   so the caller polls instead.
 * - Fastmail's eventSourceUrl has no template: the query is appended.
 * - Stalwart needs types=* (else nothing arrives), sends ping intervals in milliseconds
 *   and no event ids.
 * Reconnecting is the caller's job (backoff.ts); this yields until the stream ends,
 * is cut (NetworkError), goes silent too long (TimeoutError) or the signal aborts (ends
 * quietly).
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { JmapError } from './errors.ts';
import { AbortedError, NetworkError, ProtocolError, PushUnavailableError, TimeoutError } from './errors.ts';
import { isObject } from './guards.ts';
import { errorForStatus, withDeadline, type FetchLike } from './http.ts';
import { expandTemplate, templateVariables } from './template.ts';
import { appendQuery } from './urls.ts';
import type { StateChange } from './wire/push.ts';

export interface EventsOptions {
  /** Data types to hear about; default all ("*"). */
  types?: string[] | '*';
  /** Seconds between server pings (keeps proxies from closing the stream). Default 30. */
  pingSeconds?: number;
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string;
  /** Ends the stream quietly. */
  signal?: AbortSignal;
  /** Give up (TimeoutError) when nothing, not even a ping, arrives for this long. Default 3 pings + 15 s. */
  idleTimeoutMs?: number;
  /** Called for each ping with the interval the server reported (as sent: Stalwart uses ms). */
  onPing?: (interval: number | undefined) => void;
}

/** The URL to open: the template expanded, or the query appended when there is no template. */
export function eventSourceUrlFor(template: string, types: string[] | '*', pingSeconds: number): string {
  const typesValue = types === '*' ? '*' : types.join(',');
  const vars = { types: typesValue, closeafter: 'no', ping: String(pingSeconds) };
  if (templateVariables(template).length === 0) return appendQuery(template, vars);
  return expandTemplate(template, vars);
}

/** Parses one SSE message into a StateChange, or null for pings and other events. */
export function parseStateChange(msg: EventSourceMessage, url?: string): StateChange | null {
  if (msg.event === 'ping') return null;
  if (msg.event !== undefined && msg.event !== 'state' && msg.event !== 'message') return null;
  let data: unknown;
  try {
    data = JSON.parse(msg.data);
  } catch {
    throw new ProtocolError(`a push event is not JSON: ${msg.data.slice(0, 60)}`, url);
  }
  if (!isObject(data) || !isObject(data.changed)) throw new ProtocolError('a push event has no "changed" map', url);
  if (data['@type'] !== undefined && data['@type'] !== 'StateChange') return null;
  for (const [account, types] of Object.entries(data.changed)) {
    if (!isObject(types)) throw new ProtocolError(`push event: changed.${account} is not an object`, url);
    for (const [type, state] of Object.entries(types)) {
      if (typeof state !== 'string') throw new ProtocolError(`push event: changed.${account}.${type} is not a state string`, url);
    }
  }
  const out: StateChange = { '@type': 'StateChange', changed: data.changed as StateChange['changed'] };
  if (msg.id) out.eventId = msg.id;
  return out;
}

function pingInterval(msg: EventSourceMessage): number | undefined {
  try {
    const d: unknown = JSON.parse(msg.data);
    return isObject(d) && typeof d.interval === 'number' ? d.interval : undefined;
  } catch {
    return undefined;
  }
}

export interface StreamReadOptions {
  url: string;
  idleTimeoutMs: number;
  signal?: AbortSignal;
  onPing?: (interval: number | undefined) => void;
}

/**
 * Reads StateChange events from an event-stream body. Ends when the body ends or the
 * signal aborts; throws NetworkError when the body breaks, TimeoutError when it is idle.
 */
export async function* readStateChanges(body: ReadableStream<Uint8Array>, opts: StreamReadOptions): AsyncGenerator<StateChange> {
  const queue: StateChange[] = [];
  let failure: JmapError | undefined;
  // The SSE "last event ID buffer" persists across events until an event sets a new one.
  let lastId: string | undefined;
  const parser = createParser({
    onEvent: (msg) => {
      if (failure) return;
      if (msg.id !== undefined) lastId = msg.id;
      if (msg.event === 'ping') {
        opts.onPing?.(pingInterval(msg));
        return;
      }
      try {
        const ev = parseStateChange(msg, opts.url);
        if (ev && lastId) ev.eventId = lastId;
        if (ev) queue.push(ev);
      } catch (err) {
        failure = err as JmapError;
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let idle = false;
  const onAbort = () => void reader.cancel().catch(() => undefined);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      idleTimer = setTimeout(() => {
        idle = true;
        void reader.cancel().catch(() => undefined);
      }, opts.idleTimeoutMs);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (opts.signal?.aborted) return;
        if (idle) throw new TimeoutError(opts.url, opts.idleTimeoutMs);
        throw new NetworkError(opts.url, err, `The push connection to the mail server was cut`);
      } finally {
        clearTimeout(idleTimer);
      }
      if (opts.signal?.aborted) return;
      if (idle) throw new TimeoutError(opts.url, opts.idleTimeoutMs);
      if (chunk.done) {
        parser.feed(decoder.decode());
        parser.reset({ consume: true });
      } else parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (failure) throw failure;
      while (queue.length) yield queue.shift()!;
      if (chunk.done) return;
    }
  } finally {
    clearTimeout(idleTimer);
    opts.signal?.removeEventListener('abort', onAbort);
    void reader.cancel().catch(() => undefined);
  }
}

export interface EventContext {
  fetch: FetchLike;
  authorization: string;
  eventSourceUrl: string;
  connectTimeoutMs: number;
}

/** Opens the event source and yields StateChange events (see the file comment). */
export async function* openEvents(ctx: EventContext, opts: EventsOptions = {}): AsyncGenerator<StateChange> {
  const ping = Math.max(1, Math.round(opts.pingSeconds ?? 30));
  if (!ctx.eventSourceUrl) throw new PushUnavailableError('(no eventSourceUrl in the session)', 0);
  const url = eventSourceUrlFor(ctx.eventSourceUrl, opts.types ?? '*', ping);
  const headers: Record<string, string> = { Authorization: ctx.authorization, Accept: 'text/event-stream' };
  if (opts.lastEventId) headers['Last-Event-ID'] = opts.lastEventId;

  // The stream outlives the connect deadline, so it gets its own controller.
  const streamController = new AbortController();
  const onAbort = () => streamController.abort(opts.signal?.reason);
  if (opts.signal?.aborted) return;
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await withDeadline(url, ctx.connectTimeoutMs, opts.signal, (deadline) =>
        ctx.fetch(url, {
          headers,
          cache: 'no-store',
          signal: AbortSignal.any([deadline, streamController.signal]),
        }),
      );
    } catch (err) {
      if (err instanceof AbortedError) return;
      throw err;
    }
    if (response.status === 204) {
      await response.body?.cancel().catch(() => undefined);
      throw new PushUnavailableError(url, 204);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.toLowerCase().includes('text/event-stream')) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        // A cut body here changes nothing: the status already says what happened.
      }
      if (!response.ok) {
        throw errorForStatus(
          { status: response.status, headers: response.headers, url: response.url, type: response.type, text },
          url,
          'events',
        );
      }
      if (text.trim() === '') throw new PushUnavailableError(url, response.status);
      throw new ProtocolError(`the event source answered ${contentType || 'without a content type'} instead of text/event-stream`, url);
    }
    if (!response.body) throw new PushUnavailableError(url, response.status);
    yield* readStateChanges(response.body, {
      url,
      signal: streamController.signal,
      idleTimeoutMs: opts.idleTimeoutMs ?? (ping * 3 + 15) * 1000,
      onPing: opts.onPing,
    });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    streamController.abort();
  }
}
