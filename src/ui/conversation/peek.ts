/**
 * Conversations read ahead, so opening one shows it in the frame of the click or key:
 * IndexedDB answers only asynchronously (a few ms, several round trips for a thread, its
 * bodies and the sender's image choice), so the list reads the conversation under the
 * cursor, the next one and the one under the pointer ahead of time, and the
 * conversation view's first render takes them from here. Live queries take over right
 * after, so a stale peek shows for a few milliseconds at most; entries older than
 * MAX_AGE_MS are not used at all.
 *
 * In the main chunk on purpose (the list calls it); it imports no renderer.
 */
import { readEmails } from '../../outbox/reads.ts';
import { readSettings, remoteImagesFrom } from '../../store/settings.ts';
import type { BodyRecord, EmailRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';

const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 24;

interface Entry<T> {
  at: number;
  value: T;
}

const threads = new Map<string, Entry<EmailRecord[]>>();
const bodies = new Map<string, Entry<BodyRecord | null>>();
const remote = new Map<string, Entry<boolean>>();

function put<T>(map: Map<string, Entry<T>>, key: string, value: T): void {
  map.delete(key);
  map.set(key, { at: Date.now(), value });
  // Oldest first in a Map's order: trim from the front.
  for (const old of map.keys()) {
    if (map.size <= MAX_ENTRIES * 4) break;
    map.delete(old);
  }
}

function get<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
  const entry = map.get(key);
  return entry && Date.now() - entry.at < MAX_AGE_MS ? entry.value : undefined;
}

const remoteAllowKey = (sender: string) => sender.toLowerCase();

/** The thread's messages as the conversation view reads them (overlays merged). */
export async function readConversation(accountId: string, threadId: string): Promise<EmailRecord[]> {
  const db = mailDb();
  const thread = await db.threads.get([accountId, threadId]);
  if (!thread) return [];
  return (await readEmails(db, accountId, thread.emailIds)).filter((e): e is EmailRecord => !!e);
}

const inFlight = new Map<string, Promise<void>>();

/** Reads a conversation ahead of its opening. Cheap to call often: one read at a time per thread. */
export function prefetchConversation(accountId: string, threadId: string): Promise<void> {
  const key = `${accountId}/${threadId}`;
  const running = inFlight.get(key);
  if (running) return running;
  const work = (async () => {
    const db = mailDb();
    const emails = await readConversation(accountId, threadId);
    const rows = await db.bodies.bulkGet(emails.map((e) => [accountId, e.id]));
    const senders = [...new Set(emails.map((e) => e.from?.[0]?.email ?? '').filter(Boolean))];
    const allowed = await readSettings(db, senders.map(remoteImagesFrom));
    put(threads, key, emails);
    emails.forEach((e, i) => put(bodies, `${accountId}/${e.id}`, rows[i] ?? null));
    senders.forEach((s, i) => put(remote, remoteAllowKey(s), allowed[i] === true));
  })()
    .catch(() => undefined)
    .finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

export const peekConversation = (accountId: string, threadId: string) => get(threads, `${accountId}/${threadId}`);
export const peekBody = (accountId: string, emailId: string) => get(bodies, `${accountId}/${emailId}`);
export const peekRemoteAllowed = (sender: string) => (sender ? get(remote, remoteAllowKey(sender)) : false);
