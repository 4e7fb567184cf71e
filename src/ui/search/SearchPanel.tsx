import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { readEmails, readMailboxes } from '../../outbox/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { HostRequestError, ask } from '../bridge/ask.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useOnline } from '../data/useOnline.ts';
import { listDate, who } from '../threads/format.ts';
import { indexWords, matchesFilters, parseSearch, serverFilter } from './query.ts';
import { snippetSegments, type SnippetSegment } from './snippet.ts';
import { bodyText, indexedWithoutText } from '../../store/index.ts';
import { indexVersion, searchOnDevice, subscribeIndexed } from './deviceSearch.ts';
import { localSnippet, searchTerms } from './localSnippet.ts';

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
  // The index grew (a chunk written by the search worker): ask again.
  const indexed = useSyncExternalStore(subscribeIndexed, indexVersion);

  // Mail whose text is not on the device was searched by subject and people only: the
  // index counts it (counting the mirror's keys here made every first query wait).
  const textMissing = useLiveQuery(() => indexedWithoutText(db, accountId), [accountId]);

  const local = useLiveQuery(async (): Promise<{ hits: Hit[] }> => {
    const mailboxes = await readMailboxes(db, accountId);
    let emails: EmailRecord[];
    const asked = indexWords(query);
    if (asked) {
      // The list shows 250 conversations: the newest matches are enough, unless filters
      // drop some of them.
      const filtered = Object.keys(query).length > 1;
      const { emailIds } = await searchOnDevice(accountId, asked, filtered ? 2_000 : 300);
      emails = (await readEmails(db, accountId, emailIds)).filter((e): e is EmailRecord => !!e);
    } else {
      emails = (await db.emails.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray()).slice(-20_000);
    }
    const byThread = new Map<string, { hit: Hit; email: EmailRecord }>();
    for (const e of emails.filter((x) => matchesFilters(x, query, mailboxes))) {
      const prev = byThread.get(e.threadId);
      if (prev && prev.hit.receivedMs >= e.receivedMs) continue;
      byThread.set(e.threadId, {
        email: e,
        hit: {
          threadId: e.threadId,
          emailId: e.id,
          subject: e.subject || '(no subject)',
          from: who(e.from),
          receivedMs: e.receivedMs,
          unread: !e.keywords.$seen,
          where: 'device',
        },
      });
    }
    const found = [...byThread.values()].sort((a, b) => b.hit.receivedMs - a.hit.receivedMs).slice(0, 250);
    if (!query.text) return { hits: found.map((f) => f.hit) };
    // The words that matched, from the kept text (the rows on screen: the first 30).
    const terms = searchTerms(query.text);
    const shown = found.slice(0, 30);
    const bodies = await db.bodies.bulkGet(shown.map((f) => [accountId, f.email.id] as [string, string]));
    shown.forEach((f, i) => {
      f.hit.snippet = localSnippet([bodyText(bodies[i]), f.email.preview ?? '', f.email.subject ?? ''], terms);
    });
    return { hits: found.map((f) => f.hit) };
  }, [accountId, input, indexed]);

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
  for (const h of local?.hits ?? []) merged.set(h.threadId, h);
  for (const h of server.data ?? []) {
    const mine = merged.get(h.threadId);
    merged.set(h.threadId, mine ? { ...mine, snippet: h.snippet ?? mine.snippet, where: 'both' } : h);
  }
  const hits = [...merged.values()].sort((a, b) => b.receivedMs - a.receivedMs);
  const serverState = searchWords(isOnline, server.isFetching, server.error, query.text ? (textMissing ?? 0) : 0);

  return (
    <section className="search-results" aria-label="Search results">
      <p className="muted search-state" role="status">
        {hits.length} conversation{hits.length === 1 ? '' : 's'}. {serverState}
      </p>
      {hits.length === 0 && !server.isFetching && (
        <div className="empty-state">
          <p>Nothing matches “{props.input}”.</p>
          <p className="muted">
            Try fewer words, another spelling, or a filter such as from:, has:attachment or after:2026-01-01. Clear the search field to go
            back to your mail.
          </p>
        </div>
      )}
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

/**
 * Where the results come from, in words. Offline or with the server unreachable, they are
 * this device's (not a failure of anything); mail whose text is not kept was searched by
 * its subject and people only, which a word from a body cannot find.
 */
export function searchWords(online: boolean, fetching: boolean, error: Error | null, textMissing: number): string {
  const partial =
    textMissing > 0
      ? ` ${textMissing.toLocaleString()} message${textMissing === 1 ? "'s" : "s'"} text is not on this device: searched by subject and people only.`
      : '';
  if (!online) return `Offline: results from this device.${partial}`;
  if (fetching) return 'Searching the server too…';
  if (error instanceof HostRequestError && (error.kind === 'offline' || error.transient))
    return `The mail server can't be reached: results from this device.${partial}`;
  if (error) return `The server did not search (${error.message}): results from this device.${partial}`;
  return 'Results from this device and the server.';
}
