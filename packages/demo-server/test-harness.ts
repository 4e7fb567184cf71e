import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServerOptions } from './http/server.ts';
import { DEMO_USERS } from './mail/accounts.ts';
import { accountIdFor } from './data/users.ts';
import type { Invocation, JsonObject } from './wire.ts';

/**
 * What the demo server's own tests use: a server on a free port with a temporary
 * database, and plain-fetch helpers that speak JMAP as any client would.
 */
export const USING = [
  'urn:ietf:params:jmap:core',
  'urn:ietf:params:jmap:mail',
  'urn:ietf:params:jmap:submission',
  'urn:ietf:params:jmap:vacationresponse',
];

export interface TestServer {
  origin: string;
  dataDir: string;
  stop(opts?: { keepData?: boolean }): Promise<void>;
  /** Basic auth header for a user. */
  auth(username?: string): string;
  accountId(username?: string): string;
  /** POST methodCalls to the API; resolves the parsed response (throws on non-200). */
  call(
    methodCalls: Invocation[],
    username?: string,
    extra?: JsonObject,
  ): Promise<{ methodResponses: Invocation[]; createdIds?: Record<string, string>; sessionState: string }>;
  /** One method call; returns its arguments (throws on an error response). */
  one(name: string, args: JsonObject, username?: string): Promise<JsonObject>;
  control(body: JsonObject): Promise<JsonObject>;
  mailboxId(role: string, username?: string): Promise<string>;
}

export async function startTestServer(opts: Partial<DemoServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'demo-test-'));
  const server = await startDemoServer({ port: 0, seed: false, control: true, ...opts, dataDir });
  const pw = (u: string) => DEMO_USERS.find((x) => x.username === u)!.password;
  const auth = (u = 'alice') => 'Basic ' + Buffer.from(`${u}:${pw(u)}`).toString('base64');
  const t: TestServer = {
    origin: server.origin,
    dataDir,
    async stop(o = {}) {
      await server.stop();
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    auth,
    accountId: (u = 'alice') => accountIdFor(u),
    async call(methodCalls, u = 'alice', extra = {}) {
      const res = await fetch(`${server.origin}/jmap/api/`, {
        method: 'POST',
        headers: { Authorization: auth(u), 'Content-Type': 'application/json' },
        body: JSON.stringify({ using: USING, methodCalls, ...extra }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`API answered ${res.status}: ${text}`);
      return JSON.parse(text) as { methodResponses: Invocation[]; createdIds?: Record<string, string>; sessionState: string };
    },
    async one(name, args, u = 'alice') {
      const r = await t.call([[name, { accountId: accountIdFor(u), ...args }, 'c']], u);
      const [resName, resArgs] = r.methodResponses[0]!;
      if (resName === 'error') throw new Error(`${name} failed: ${JSON.stringify(resArgs)}`);
      return resArgs;
    },
    async control(body) {
      const res = await fetch(`${server.origin}/__control`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`control answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as JsonObject;
    },
    async mailboxId(role, u = 'alice') {
      const r = await t.one('Mailbox/get', { ids: null }, u);
      const m = (r.list as JsonObject[]).find((x) => x.role === role);
      if (!m) throw new Error(`${u} has no ${role} mailbox`);
      return m.id as string;
    },
  };
  return t;
}

/** A small RFC 5322 message. */
export function rawMessage(
  o: { from?: string; to?: string; subject?: string; messageId?: string; inReplyTo?: string; body?: string; date?: string } = {},
): string {
  const lines = [
    `From: ${o.from ?? 'Carol <carol@outside.example>'}`,
    `To: ${o.to ?? 'alice@example.test'}`,
    `Subject: ${o.subject ?? 'Hello'}`,
    `Date: ${o.date ?? 'Mon, 02 Mar 2026 10:00:00 +0000'}`,
    `Message-ID: <${o.messageId ?? `${Math.random().toString(36).slice(2)}@outside.example`}>`,
  ];
  if (o.inReplyTo) lines.push(`In-Reply-To: <${o.inReplyTo}>`, `References: <${o.inReplyTo}>`);
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', o.body ?? 'Hi there.', '');
  return lines.join('\r\n');
}

/** The server id of a /set create, failing the test readably when it was not created. */
export function createdId(res: JsonObject, cid: string): string {
  const created = res.created as Record<string, { id: string }> | null;
  const id = created?.[cid]?.id;
  if (!id) throw new Error(`${cid} was not created: ${JSON.stringify(res.notCreated)}`);
  return id;
}

export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/** A minimal text/event-stream reader over fetch, for push tests. */
export async function openEvents(
  url: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  next(timeoutMs: number): Promise<SseEvent | 'closed' | 'timeout'>;
  close(): void;
}> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const queue: SseEvent[] = [];
  let pending: Promise<void> | null = null;
  const pump = (): Promise<void> =>
    (pending ??= (async () => {
      if (!reader) {
        done = true;
        return;
      }
      try {
        const r = await reader.read();
        if (r.done) done = true;
        else buffer += decoder.decode(r.value, { stream: true });
      } catch {
        done = true;
      }
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const ev: SseEvent = { event: 'message', id: null, data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [k, ...rest] = line.split(':');
          const v = rest.join(':').replace(/^ /, '');
          if (k === 'event') ev.event = v;
          else if (k === 'id') ev.id = v;
          else if (k === 'data') ev.data += (ev.data ? '\n' : '') + v;
        }
        if (block.trim()) queue.push(ev);
      }
    })().finally(() => {
      pending = null;
    }));
  return {
    status: res.status,
    async next(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (done) return 'closed';
        const left = deadline - Date.now();
        if (left <= 0) return 'timeout';
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left));
        if ((await Promise.race([pump(), timer])) === 'timeout' && queue.length === 0) return 'timeout';
      }
      return queue.shift()!;
    },
    close: () => ctrl.abort(),
  };
}

export async function deliver(server: TestServer, to: string, raw: string): Promise<{ emailId: string; threadId: string }> {
  const res = await fetch(`${server.origin}/__control/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ to, raw }),
  });
  if (!res.ok) throw new Error(`deliver answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { emailId: string; threadId: string };
}

export { startPushEndpoint, vapidProblem, type FakePushEndpoint } from './test-push-endpoint.ts';
