/**
 * Imports a corpus into an account through JMAP: missing folders created, blobs uploaded
 * and Email/import in batches within the server's limits, several requests in flight.
 * Idempotent: a folder named after the corpus marks a complete import, and is made last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Auth, type JmapClient } from '../../src/jmap/index.ts';
import type { Corpus } from './corpus.ts';

export interface ImportResult {
  imported: number;
  bytes: number;
  seconds: number;
  perSecond: number;
  skipped: boolean;
}

/** One message for importMessages: its bytes (read when its turn comes), where it goes. */
export interface ToImport {
  raw: () => string | Uint8Array;
  mailboxId: string;
  keywords: readonly string[];
  /** UTC date-time, seconds precision (Email/import's receivedAt). */
  receivedAt: string;
}

/**
 * Uploads and Email/imports messages in batches of `perCall` (within the server's
 * maxObjectsInSet), over several lanes at once. Returns the new email ids in the order
 * given; a message the server refuses throws, naming it by its position.
 */
export async function importMessages(
  client: JmapClient,
  messages: readonly ToImport[],
  options: { perCall: number; lanes: number; onProgress?: (n: number) => void },
): Promise<{ ids: string[]; bytes: number }> {
  const perCall = Math.min(options.perCall, client.limits.maxObjectsInSet);
  const lanes = Math.max(1, Math.min(options.lanes, client.limits.maxConcurrentRequests));
  const ids = new Array<string>(messages.length);
  let next = 0;
  let done = 0;
  let bytes = 0;
  /** One batch: upload, then import. False when nothing was left. */
  const batch = async (): Promise<boolean> => {
    const start = next;
    next += perCall;
    const part = messages.slice(start, start + perCall);
    if (part.length === 0) return false;
    const emails: Record<string, { blobId: string; mailboxIds: Record<string, true>; keywords: Record<string, true>; receivedAt: string }> =
      {};
    for (const [offset, m] of part.entries()) {
      const raw = m.raw();
      bytes += typeof raw === 'string' ? raw.length : raw.byteLength;
      const { blobId } = await client.upload(raw, 'message/rfc822');
      emails[`m${start + offset}`] = {
        blobId,
        mailboxIds: { [m.mailboxId]: true },
        keywords: Object.fromEntries(m.keywords.map((k) => [k, true as const])),
        receivedAt: m.receivedAt,
      };
    }
    const res = await client.call('Email/import', { emails });
    for (const key of Object.keys(emails)) {
      const id = res.created?.[key]?.id;
      if (!id) throw new Error(`The server refused message ${key.slice(1)}: ${JSON.stringify(res.notCreated?.[key])}`);
      ids[Number(key.slice(1))] = id;
    }
    done += part.length;
    options.onProgress?.(done);
    return true;
  };
  const lane = async () => {
    while (await batch());
  };
  // The first batch alone: a fresh Cyrus account made its upload collection on the first
  // upload, and once (a loaded machine, four lanes at once) one upload was answered 404
  // ("no JMAP service") in the e2e global setup. A suspicion, not proved: the lanes start
  // once the account has uploaded something.
  await batch();
  await Promise.all(Array.from({ length: lanes }, lane));
  return { ids, bytes };
}

export async function importCorpus(opts: {
  url: string;
  auth: Auth;
  corpus: Corpus;
  marker: string;
  onProgress?: (n: number) => void;
}): Promise<ImportResult> {
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
    const res = await client.call('Mailbox/set', {
      create: Object.fromEntries(wanted.map((n, i) => [`f${i}`, { name: n.charAt(0).toUpperCase() + n.slice(1), parentId: null }])),
    });
    wanted.forEach((n, i) => {
      const id = res.created?.[`f${i}`]?.id;
      if (id) byName.set(n, id);
      else byName.set(n, byName.get('inbox')!);
    });
  }
  const result = await importMessages(
    client,
    opts.corpus.messages.map((m) => ({
      raw: () => readFileSync(join(opts.corpus.dir, m.file)),
      mailboxId: byName.get(m.mailbox) ?? byName.get('inbox')!,
      keywords: m.keywords,
      receivedAt: m.receivedAt,
    })),
    { perCall: 50, lanes: 4, onProgress: opts.onProgress },
  );
  const { bytes } = result;
  const imported = result.ids.length;
  await client.call('Mailbox/set', { create: { done: { name: opts.marker, parentId: null } } });
  const seconds = (Date.now() - started) / 1000;
  return { imported, bytes, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(imported / seconds), skipped: false };
}
