import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { readEmails, readMailboxes } from '../../outbox/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { ask } from '../bridge/ask.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useOnline } from '../data/useOnline.ts';
import { listDate, who } from '../threads/format.ts';
import { matchesFilters, parseSearch, serverFilter } from './query.ts';
import { snippetSegments, type SnippetSegment } from './snippet.ts';
import { searchOffline, updateIndex } from './searchIndex.ts';

/** Keeps the offline index level with the mirror (after every sync that changed something). */
export function useSearchIndexUpdater(accountId: string): void {
  const states = useLiveQuery(
    async () =>
      JSON.stringify(await mailDb().states.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray()) +
      String(await mailDb().bodies.count()),
    [accountId],
  );
  useEffect(() => {
    if (states === undefined) return;
    const t = setTimeout(
      () => void updateIndex(mailDb(), accountId).catch((e: unknown) => console.warn('The search index could not be updated', e)),
      500,
    );
    return () => clearTimeout(t);
  }, [accountId, states]);
}

interface Hit {
  threadId: string;
  emailId: string;
  subject: string;
  from: string;
  receivedMs: number;
  unread: boolean;
  snippet?: SnippetSegment[];
  where: 'device' | 'server' | 'both';
}

export function SearchPanel(props: { accountId: string; input: string; onOpenThread(threadId: string): void }) {
  const { accountId, input } = props;
  const query = parseSearch(input);
  const db = mailDb();
  const isOnline = useOnline();

  const local = useLiveQuery(async (): Promise<Hit[]> => {
    const mailboxes = await readMailboxes(db, accountId);
    let emails: EmailRecord[];
    if (query.text) {
      await updateIndex(db, accountId);
      const ids = await searchOffline(db, accountId, query.text);
      emails = (await readEmails(db, accountId, ids.slice(0, 2000))).filter((e): e is EmailRecord => !!e);
    } else {
      emails = (await db.emails.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray()).slice(-20_000);
    }
    const byThread = new Map<string, Hit>();
    for (const e of emails.filter((x) => matchesFilters(x, query, mailboxes))) {
      const prev = byThread.get(e.threadId);
      if (prev && prev.receivedMs >= e.receivedMs) continue;
      byThread.set(e.threadId, {
        threadId: e.threadId,
        emailId: e.id,
        subject: e.subject || '(no subject)',
        from: who(e.from),
        receivedMs: e.receivedMs,
        unread: !e.keywords.$seen,
        where: 'device',
      });
    }
    return [...byThread.values()].sort((a, b) => b.receivedMs - a.receivedMs).slice(0, 250);
  }, [accountId, input]);

  const server = useQuery({
    queryKey: ['search', accountId, input],
    enabled: isOnline && input.trim() !== '',
    retry: false,
    queryFn: async (): Promise<Hit[]> => {
      const filter = serverFilter(query, await readMailboxes(db, accountId));
      const found = await ask(accountId, 'search', { filter, limit: 50, snippets: !!query.text });
      const bySnippet = new Map(Object.entries(found.snippets ?? {}));
      return found.emails.map((e) => ({
        threadId: e.threadId!,
        emailId: e.id,
        subject: e.subject || '(no subject)',
        from: who(e.from),
        receivedMs: Date.parse(e.receivedAt ?? '') || 0,
        unread: !e.keywords?.$seen,
        snippet: bySnippet.get(e.id) ? snippetSegments(bySnippet.get(e.id)!) : undefined,
        where: 'server',
      }));
    },
  });

  const merged = new Map<string, Hit>();
  for (const h of local ?? []) merged.set(h.threadId, h);
  for (const h of server.data ?? []) {
    const mine = merged.get(h.threadId);
    merged.set(h.threadId, mine ? { ...mine, snippet: h.snippet ?? mine.snippet, where: 'both' } : h);
  }
  const hits = [...merged.values()].sort((a, b) => b.receivedMs - a.receivedMs);
  const serverState = !isOnline
    ? 'Offline: results from this device only.'
    : server.isFetching
      ? 'Searching the server too…'
      : server.error
        ? `The server search failed: ${server.error.message}`
        : 'Results from this device and the server.';

  return (
    <section className="search-results" aria-label="Search results">
      <p className="muted search-state" role="status">
        {hits.length} conversation{hits.length === 1 ? '' : 's'}. {serverState}
      </p>
      <ul>
        {hits.map((h) => (
          <li key={h.threadId}>
            <button type="button" className={h.unread ? 'hit unread' : 'hit'} onClick={() => props.onOpenThread(h.threadId)}>
              <span className="thread-top">
                <span className="senders">{h.from}</span>
                <time>{listDate(h.receivedMs)}</time>
              </span>
              <span className="subject">{h.subject}</span>
              {h.snippet ? (
                <span className="preview">
                  {h.snippet.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </span>
              ) : null}
              {h.where === 'server' && <span className="muted where">found on the server</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
