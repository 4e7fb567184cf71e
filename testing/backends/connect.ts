/**
 * Helpers for the engine tests (*.engine.test.ts): the backend under test, connecting as
 * its users, unique markers so tests never depend on each other's data.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { TestBackend, TestUser } from './backend.ts';
import type { Auth } from '../../src/jmap/auth.ts';
import { connect, type ConnectOptions, type JmapClient } from '../../src/jmap/client.ts';
import type { FetchLike } from '../../src/jmap/http.ts';
import type { Id } from '../../src/jmap/wire/core.ts';

export function backend(): TestBackend {
  return inject('backend');
}

/** The demo server's profile (DEMO_PROFILE) when the backend is the demo server. */
export function demoProfile(): string | undefined {
  return backend().name === 'demo' ? process.env.DEMO_PROFILE || 'default' : undefined;
}

/** Basic auth, except where only Bearer works (the demo server's fastmail profile hands out tokens). */
export function authFor(user: TestUser): Auth {
  const token = (user as TestUser & { token?: string }).token;
  if (token && demoProfile() === 'fastmail') return { kind: 'bearer', token };
  return { kind: 'basic', username: user.username, password: user.password };
}

export function connectAs(who: 'alice' | 'bob', options: Partial<ConnectOptions> = {}): Promise<JmapClient> {
  const b = backend();
  return connect({ url: b.origin, auth: authFor(b.users[who]), ...options });
}

/** A marker unique to this test run, for subjects, Message-IDs and mailbox names. */
export function unique(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A fresh mailbox for one test, so queries see only that test's messages. */
export async function createMailbox(client: JmapClient, name = unique('test')): Promise<Id> {
  const res = await client.call('Mailbox/set', { create: { box: { name, parentId: null } } });
  const id = res.created?.box?.id;
  if (!id) throw new Error(`Could not create mailbox ${name}: ${JSON.stringify(res.notCreated)}`);
  return id;
}

/** Uploads a raw message and imports it into one mailbox. */
export async function importMessage(
  client: JmapClient,
  mailboxId: Id,
  raw: string,
  keywords: Record<string, true> = {},
): Promise<{ id: Id; blobId: Id; threadId?: Id }> {
  const blob = await client.upload(raw, 'message/rfc822');
  const res = await client.call('Email/import', {
    emails: { m: { blobId: blob.blobId, mailboxIds: { [mailboxId]: true }, keywords } },
  });
  const created = res.created?.m;
  if (!created) throw new Error(`Email/import failed: ${JSON.stringify(res.notCreated)}`);
  return { id: created.id, blobId: blob.blobId, threadId: created.threadId };
}

/** A fetch that counts what it sends, by method and path. */
export function countingFetch(inner: FetchLike = (u, i) => fetch(u, i)) {
  const calls: { method: string; url: string }[] = [];
  const f: FetchLike = (url, init) => {
    calls.push({ method: init?.method ?? 'GET', url });
    return inner(url, init);
  };
  return { fetch: f, calls, posts: (apiUrl: string) => calls.filter((c) => c.method === 'POST' && c.url === apiUrl).length };
}
