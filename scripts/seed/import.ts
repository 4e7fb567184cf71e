/**
 * Imports a corpus into an account through JMAP: missing folders created, blobs uploaded
 * and Email/import in batches within the server's limits, several requests in flight.
 * Idempotent: a folder named after the corpus marks a complete import, and is made last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Auth } from '../../src/jmap/index.ts';
import type { Corpus } from './corpus.ts';

export interface ImportResult {
  imported: number;
  bytes: number;
  seconds: number;
  perSecond: number;
  skipped: boolean;
}

export async function importCorpus(opts: { url: string; auth: Auth; corpus: Corpus; marker: string; onProgress?: (n: number) => void }): Promise<ImportResult> {
  const started = Date.now();
  const client = await connect({ url: opts.url, auth: opts.auth, timeoutMs: 120_000 });
  const boxes = (await client.call('Mailbox/get', { ids: null })).list;
  if (boxes.some((m) => m.name === opts.marker)) return { imported: 0, bytes: 0, seconds: 0, perSecond: 0, skipped: true };
  const byName = new Map<string, string>();
  for (const m of boxes) {
    if (m.role) byName.set(m.role, m.id);
    byName.set(m.name, m.id);
  }
  const wanted = [...new Set(opts.corpus.messages.map((m) => m.mailbox))].filter((n) => !byName.has(n));
  if (wanted.length) {
    const res = await client.call('Mailbox/set', { create: Object.fromEntries(wanted.map((n, i) => [`f${i}`, { name: n.charAt(0).toUpperCase() + n.slice(1), parentId: null }])) });
    wanted.forEach((n, i) => {
      const id = res.created?.[`f${i}`]?.id;
      if (id) byName.set(n, id);
      else byName.set(n, byName.get('inbox')!);
    });
  }
  const perCall = Math.min(50, client.limits.maxObjectsInSet);
  const lanes = Math.max(1, Math.min(4, client.limits.maxConcurrentRequests));
  let next = 0;
  let imported = 0;
  let bytes = 0;
  const lane = async () => {
    for (;;) {
      const start = next;
      next += perCall;
      const part = opts.corpus.messages.slice(start, start + perCall);
      if (part.length === 0) return;
      const blobs: string[] = [];
      for (const m of part) {
        const raw = readFileSync(join(opts.corpus.dir, m.file));
        bytes += raw.length;
        blobs.push((await client.upload(raw, 'message/rfc822')).blobId);
      }
      const emails = Object.fromEntries(
        part.map((m, i) => [`m${i}`, { blobId: blobs[i]!, mailboxIds: { [byName.get(m.mailbox) ?? byName.get('inbox')!]: true as const }, keywords: Object.fromEntries(m.keywords.map((k) => [k, true as const])), receivedAt: m.receivedAt }]),
      );
      const res = await client.call('Email/import', { emails });
      const failed = Object.values(res.notCreated ?? {});
      if (failed.length) throw new Error(`The server refused ${failed.length} messages: ${JSON.stringify(failed[0])}`);
      imported += part.length;
      opts.onProgress?.(imported);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await client.call('Mailbox/set', { create: { done: { name: opts.marker, parentId: null } } });
  const seconds = (Date.now() - started) / 1000;
  return { imported, bytes, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(imported / seconds), skipped: false };
}
