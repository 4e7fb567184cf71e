/**
 * A one-click unsubscribe (RFC 8058) queued offline is one POST of
 * `List-Unsubscribe=One-Click` (application/x-www-form-urlencoded, no cookies) once the
 * device is online, never a second one; a POST that got no answer at all (the endpoint
 * down) waits for another try; one whose host stopped mid-request is taken as sent. Both backends
 * (the flusher runs beside the account's mail intents).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../testing/wait.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { outboxItems } from './queueReads.ts';
import { items } from './tables.ts';

const flushers: Flusher[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Posted {
  method: string;
  url: string;
  type: string;
  cookie: string | undefined;
  body: string;
}

async function endpoint(): Promise<{ url: string; posted: Posted[] }> {
  const posted: Posted[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posted.push({ method: req.method!, url: req.url!, type: req.headers['content-type'] ?? '', cookie: req.headers.cookie, body });
      res.writeHead(200).end('unsubscribed');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/unsub?u=42`, posted };
}

it('posts a one-click unsubscribe queued offline once, when back online', async () => {
  const { url, posted } = await endpoint();
  const s = await signedInMirror();
  const { db } = s.mirror;
  let online = false;
  const flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync, online: () => online });
  flushers.push(flusher);
  await enqueue(db, s.accountId, { kind: 'unsubscribe', url, list: 'Weekly news' });
  expect((await outboxItems(db, s.accountId)).map((i) => i.summary)).toEqual(['Unsubscribe from Weekly news']);
  flusher.wake(true);
  await waitFor('the offline try to be written', async () => ((await items(db).toArray())[0]?.attempts ?? 0) > 0, 10_000);
  expect(posted).toEqual([]);

  online = true;
  flusher.wake(true);
  await waitFor('the outbox to be empty', async () => (await items(db).count()) === 0, 20_000);
  flusher.wake(true);
  await flusher.idle();
  expect(posted).toEqual([
    {
      method: 'POST',
      url: '/unsub?u=42',
      type: 'application/x-www-form-urlencoded',
      cookie: undefined,
      body: 'List-Unsubscribe=One-Click',
    },
  ]);
}, 60_000);

it('keeps a POST that got no answer for another try, and never repeats one whose outcome was lost', async () => {
  const { url, posted } = await endpoint();
  const s = await signedInMirror();
  const { db } = s.mirror;
  const flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync, online: () => true });
  flushers.push(flusher);
  // Nothing listens there: no answer at all, so it waits and goes again.
  const down = url.replace(/:\d+\//, ':9/');
  await enqueue(db, s.accountId, { kind: 'unsubscribe', url: down, list: 'Gone' });
  flusher.wake(true);
  await waitFor('the failed try to be written', async () => ((await items(db).toArray())[0]?.attempts ?? 0) > 0, 10_000);
  const waiting = (await items(db).toArray())[0]!;
  expect(waiting.uncertain).toBe(false);
  expect(waiting.state).toBe('waiting');
  await flusher.stop();
  await items(db).delete(waiting.id);

  // A request that went out with no outcome written (the host stopped): taken as sent.
  await enqueue(db, s.accountId, { kind: 'unsubscribe', url, list: 'Weekly news' });
  const queued = (await items(db).toArray())[0]!;
  await items(db).update(queued.id, { uncertain: true, state: 'sending' });
  const next = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync, online: () => true });
  flushers.push(next);
  next.wake(true);
  await waitFor('the outbox to be empty', async () => (await items(db).count()) === 0, 20_000);
  expect(posted).toEqual([]);
}, 60_000);
