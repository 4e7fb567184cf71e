/**
 * A cached query's key: the account's query is the same query exactly when filter, sort
 * and collapseThreads are the same (RFC 8621 §4.4.3 makes collapseThreads part of the
 * query). Object keys are sorted so {a,b} and {b,a} give one key; array order is kept
 * because it matters (sort order, filter conditions' order does not change the result but
 * keeping it is safe: at worst two keys for one query).
 */
import type { QueryDefinition } from './cache.ts';

export function queryKey(definition: QueryDefinition): string {
  return canonicalJson({
    filter: definition.filter ?? null,
    sort: definition.sort,
    collapseThreads: definition.collapseThreads,
  });
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The query a mailbox's message list shows: threads, newest first. */
export function mailboxThreadsQuery(mailboxId: string): QueryDefinition {
  return {
    filter: { inMailbox: mailboxId },
    sort: [{ property: 'receivedAt', isAscending: false }],
    collapseThreads: true,
  };
}
