import { describe, expect, it } from 'vitest';
import { AuthError, NetworkError, ProtocolError, PushUnavailableError, TimeoutError } from './errors.ts';
import { eventSourceUrlFor, openEvents, readStateChanges } from './events.ts';
import type { StateChange } from './wire/push.ts';

const enc = new TextEncoder();

/** A body that delivers the given pieces, then ends (or errors / stalls). */
function body(pieces: (string | Uint8Array)[], end: 'close' | 'error' | 'stall' = 'close'): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) {
        const p = pieces[i++]!;
        controller.enqueue(typeof p === 'string' ? enc.encode(p) : p);
        return;
      }
      if (end === 'close') controller.close();
      else if (end === 'error') controller.error(new TypeError('terminated'));
      else return new Promise(() => undefined);
    },
  });
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  opts: { idleTimeoutMs?: number; signal?: AbortSignal; onPing?: (n: number | undefined) => void } = {},
) {
  const out: StateChange[] = [];
  for await (const ev of readStateChanges(stream, { url: 'http://h/es', idleTimeoutMs: opts.idleTimeoutMs ?? 5000, ...opts })) out.push(ev);
  return out;
}

const state = (email: string) => JSON.stringify({ '@type': 'StateChange', changed: { alice: { Email: email } } });

describe('reading an event stream', () => {
  it('parses state events split at arbitrary byte boundaries, with ids and pings', async () => {
    const text = `event: ping\ndata: {"interval":30}\n\nid: 7\nevent: state\ndata: ${state('41')}\n\n: comment\r\nevent: state\r\ndata: ${state('42')}\r\n\r\n`;
    const bytes = enc.encode(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) pieces.push(bytes.slice(i, i + 5));
    const pings: (number | undefined)[] = [];
    const events = await collect(body(pieces), { onPing: (n) => pings.push(n) });
    expect(events).toEqual([
      { '@type': 'StateChange', changed: { alice: { Email: '41' } }, eventId: '7' },
      { '@type': 'StateChange', changed: { alice: { Email: '42' } }, eventId: '7' },
    ]);
    expect(pings).toEqual([30]);
  });

  it('decodes UTF-8 split inside a multi-byte character', async () => {
    const data = `data: ${JSON.stringify({ '@type': 'StateChange', changed: { 'ä€': { Email: 's' } } })}\n\n`;
    const bytes = enc.encode(data);
    const cut = bytes.indexOf(0xe2) + 1;
    const events = await collect(body([bytes.slice(0, cut), bytes.slice(cut)]));
    expect(Object.keys(events[0]!.changed)).toEqual(['ä€']);
  });

  it('turns a malformed state event into a ProtocolError', async () => {
    await expect(collect(body(['event: state\ndata: {not json\n\n']))).rejects.toThrow(ProtocolError);
    await expect(collect(body(['event: state\ndata: {"changed":{"a":{"Email":1}}}\n\n']))).rejects.toThrow(
      'changed.a.Email is not a state string',
    );
  });

  it('reports a cut stream as a NetworkError after yielding what arrived', async () => {
    const seen: StateChange[] = [];
    const run = async () => {
      for await (const ev of readStateChanges(body([`event: state\ndata: ${state('1')}\n\n`], 'error'), {
        url: 'http://h/es',
        idleTimeoutMs: 5000,
      }))
        seen.push(ev);
    };
    await expect(run()).rejects.toThrow(NetworkError);
    expect(seen).toHaveLength(1);
  });

  it('gives up with a TimeoutError when the stream goes silent', async () => {
    await expect(collect(body([': hi\n\n'], 'stall'), { idleTimeoutMs: 50 })).rejects.toThrow(TimeoutError);
  });

  it('ends quietly when the caller aborts', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    await expect(collect(body([`data: ${state('1')}\n\n`], 'stall'), { signal: ctl.signal })).resolves.toHaveLength(1);
  });
});

describe('the event source URL', () => {
  it('expands the template with types, closeafter=no and ping', () => {
    expect(eventSourceUrlFor('http://h/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}', '*', 30)).toBe(
      'http://h/jmap/eventsource/?types=%2A&closeafter=no&ping=30',
    );
    expect(eventSourceUrlFor('http://h/es?types={types}&ping={ping}', ['Email', 'Mailbox'], 5)).toBe(
      'http://h/es?types=Email%2CMailbox&ping=5',
    );
  });

  it('appends the query when the URL has no template (Fastmail)', () => {
    expect(eventSourceUrlFor('https://api.fastmail.com/jmap/event/', '*', 30)).toBe(
      'https://api.fastmail.com/jmap/event/?types=*&closeafter=no&ping=30',
    );
  });
});

describe('opening the event source (request shaping, in-process fetch)', () => {
  const ctx = (respond: (url: string, init?: RequestInit) => Response, seen: { url: string; headers: Record<string, string> }[] = []) => ({
    fetch: async (url: string, init?: RequestInit) => {
      seen.push({ url, headers: init?.headers as Record<string, string> });
      return respond(url, init);
    },
    authorization: 'Bearer t',
    eventSourceUrl: 'http://h/es?types={types}&closeafter={closeafter}&ping={ping}',
    connectTimeoutMs: 1000,
  });

  it('sends Authorization, Accept and Last-Event-ID, and reads the stream', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const c = ctx(
      () => new Response(`id: 9\nevent: state\ndata: ${state('5')}\n\n`, { headers: { 'Content-Type': 'text/event-stream' } }),
      seen,
    );
    const out: StateChange[] = [];
    for await (const ev of openEvents(c, { lastEventId: '8', pingSeconds: 10 })) out.push(ev);
    expect(out).toEqual([{ '@type': 'StateChange', changed: { alice: { Email: '5' } }, eventId: '9' }]);
    expect(seen[0]!.url).toBe('http://h/es?types=%2A&closeafter=no&ping=10');
    expect(seen[0]!.headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'text/event-stream', 'Last-Event-ID': '8' });
  });

  it('reports 204 and an empty non-stream answer as "no push"', async () => {
    await expect(openEvents(ctx(() => new Response(null, { status: 204 }))).next()).rejects.toBeInstanceOf(PushUnavailableError);
    await expect(
      openEvents(ctx(() => new Response('', { status: 200, headers: { 'Content-Type': 'text/plain' } }))).next(),
    ).rejects.toBeInstanceOf(PushUnavailableError);
  });

  it('reports 401 as an AuthError and an HTML page as a ProtocolError', async () => {
    await expect(openEvents(ctx(() => new Response('no', { status: 401 }))).next()).rejects.toBeInstanceOf(AuthError);
    await expect(openEvents(ctx(() => new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } }))).next()).rejects.toThrow(
      'instead of text/event-stream',
    );
  });
});
