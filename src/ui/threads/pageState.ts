/**
 * What a page of the conversation list holds and what the list shows from its pages:
 * apart from threadPages.ts (the live pages, with Dexie) because the start path shows
 * the first page from the start read before Dexie is loaded.
 */
import type { ListRow, ThreadPageCursor } from '../../store/index.ts';
import { toLine, type ThreadLine } from './line.ts';
import { PAGE_SIZE } from './pageSize.ts';

export interface PageRow {
  cursor: ThreadPageCursor;
  line: ThreadLine;
}

export interface ThreadPagesState {
  /** Undefined until the first page answered. */
  lines: ThreadLine[] | undefined;
  /** The mirror has no more rows after the last page (for now: sync may add older mail). */
  atEnd: boolean;
}

/** A list row as a page holds it: its place (the keyset cursor) and its line. */
export const pageRow = (r: ListRow): PageRow => ({ cursor: { receivedMs: r.receivedMs, threadId: r.threadId }, line: toLine(r) });

/** What the list shows while page 0 is the only page read. */
export function firstPageState(rows: PageRow[]): ThreadPagesState {
  const seen = new Set<string>();
  const lines: ThreadLine[] = [];
  for (const { line } of rows) {
    if (!seen.has(line.threadId)) {
      seen.add(line.threadId);
      lines.push(line);
    }
  }
  return { lines, atEnd: rows.length < PAGE_SIZE };
}
