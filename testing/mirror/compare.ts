/** The engine tests' one verdict: the mirror equals the server. */
import { expect } from 'vitest';
import type { JmapClient } from '../../src/jmap/index.ts';
import { queryKey } from '../../src/sync/queryKey.ts';
import { derivedRowProblems, mirrorSnapshot, type Mirror } from './mirror.ts';
import { serverSnapshot } from './server.ts';

/** Ids that differ between two maps (missing, extra or changed), for a short failure message. */
function differences<T>(label: string, mirror: Record<string, T>, server: Record<string, T>): string[] {
  const out: string[] = [];
  for (const [id, v] of Object.entries(server)) {
    if (!(id in mirror)) out.push(`${label} ${id} missing from the mirror`);
    else if (JSON.stringify(sorted(mirror[id])) !== JSON.stringify(sorted(v)))
      out.push(`${label} ${id}: mirror ${JSON.stringify(mirror[id])} server ${JSON.stringify(v)}`);
  }
  for (const id of Object.keys(mirror)) if (!(id in server)) out.push(`${label} ${id} in the mirror but not on the server`);
  return out;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => [k, sorted(x)]),
  );
}

/**
 * Every email's keywords, mailboxIds and threadId; every mailbox's counts; every thread's
 * emailIds; the derived per-mailbox thread rows; and every cached query's results (a
 * prefix of the server's answer now).
 */
export async function expectMirrorMatchesServer(
  mirror: Mirror,
  client: JmapClient,
): Promise<{ emails: number; threads: number; mailboxes: number }> {
  const accountId = client.accountId;
  const [server, local] = [await serverSnapshot(client), await mirrorSnapshot(mirror, accountId)];
  const problems = [
    ...differences('mailbox', local.mailboxes, server.mailboxes),
    ...differences('email', local.emails, server.emails),
    ...differences('thread', local.threads, server.threads),
    ...(await derivedRowProblems(mirror, accountId)),
  ];
  for (const q of await mirror.cache.getQueries(accountId)) {
    expect(q.key).toBe(queryKey(q.definition));
    const r = await client.call('Email/query', {
      filter: q.definition.filter,
      sort: q.definition.sort,
      collapseThreads: q.definition.collapseThreads,
      position: 0,
      limit: Math.max(q.ids.length, 1),
    });
    if (JSON.stringify(r.ids.slice(0, q.ids.length)) !== JSON.stringify(q.ids)) {
      problems.push(`query ${q.key}: mirror ${JSON.stringify(q.ids.slice(0, 10))}… server ${JSON.stringify(r.ids.slice(0, 10))}…`);
    }
  }
  expect(problems.slice(0, 20), `${problems.length} differences between mirror and server`).toEqual([]);
  return {
    emails: Object.keys(server.emails).length,
    threads: Object.keys(server.threads).length,
    mailboxes: Object.keys(server.mailboxes).length,
  };
}
