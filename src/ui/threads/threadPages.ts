/**
 * A folder's conversation list as keyset pages of the local mirror, each one a live
 * query of its own (Dexie re-runs only the pages whose rows, or whose overlays, changed).
 *
 * Page 0 starts at the top; page i+1 starts strictly after the last row of page i. When a
 * page's last row changes (a conversation archived, new mail above), the next page is
 * asked again from the new boundary, so nothing falls between two pages and nothing is
 * shown twice. Growing the list reads one more page, never the ones already shown
 * (a 100,000-conversation folder scrolls without re-reading what is above).
 */
import { liveQuery } from 'dexie';
import { afterPaint, type Stoppable } from '../data/afterPaint.ts';
import { readThreadPage } from '../../outbox/reads.ts';
import type { MailDb, ThreadPageCursor } from '../../store/index.ts';
import type { ThreadLine } from './line.ts';
import { PAGE_SIZE } from './pageSize.ts';
import { pageRow, type PageRow, type ThreadPagesState } from './pageState.ts';

export { PAGE_SIZE };
export type { PageRow, ThreadPagesState };

interface Page {
  after: ThreadPageCursor | undefined;
  /** Rows from the mirror (undefined until the first answer). */
  rows: PageRow[] | undefined;
  subscription: Stoppable;
}

/**
 * One page as the list shows it (overlays applied): one indexed read when nothing is
 * pending (src/outbox readThreadPage). Plain Dexie reads: usable in liveQuery and in a transaction.
 */
export async function readPage(db: MailDb, accountId: string, mailboxId: string, after: ThreadPageCursor | undefined): Promise<PageRow[]> {
  const rows = await readThreadPage(db, accountId, mailboxId, { limit: PAGE_SIZE, after });
  return rows.map(pageRow);
}

const same = (a: ThreadPageCursor | undefined, b: ThreadPageCursor | undefined) =>
  a?.receivedMs === b?.receivedMs && a?.threadId === b?.threadId;

export class ThreadPages {
  private pages: Page[] = [];
  private closed = false;
  private state: ThreadPagesState = { lines: undefined, atEnd: false };

  constructor(
    private readonly db: MailDb,
    private readonly accountId: string,
    private readonly mailboxId: string,
    private readonly onChange: (state: ThreadPagesState) => void,
    /** Page 0 as already read (data/startRead.ts): shown at once, the live query takes over. */
    first?: PageRow[],
  ) {
    this.open(0, undefined, !!first);
    if (first) {
      this.pages[0]!.rows = first;
      this.state = this.linesOf(1);
    }
  }

  get current(): ThreadPagesState {
    return this.state;
  }

  /** How many pages are read (tests, benchmarks). */
  get pageCount(): number {
    return this.pages.length;
  }

  /** Reads one more page if the last one is full; no-op while it is still loading. */
  grow(): void {
    const last = this.pages[this.pages.length - 1];
    if (this.closed || !last?.rows || last.rows.length < PAGE_SIZE) return;
    this.open(this.pages.length, last.rows[last.rows.length - 1]!.cursor);
  }

  close(): void {
    this.closed = true;
    for (const p of this.pages) p.subscription.unsubscribe();
    this.pages = [];
  }

  /** `shown`: its rows are on screen already (the start read): re-read after that paint. */
  private open(index: number, after: ThreadPageCursor | undefined, shown = false): void {
    const old = this.pages[index];
    old?.subscription.unsubscribe();
    const subscribe = () =>
      liveQuery(() => readPage(this.db, this.accountId, this.mailboxId, after)).subscribe({
        next: (rows) => {
          if (this.closed || this.pages[index] !== page) return;
          page.rows = rows;
          this.settle(index);
        },
        error: (error: unknown) => console.error('Reading a page of the conversation list failed', error),
      });
    const page: Page = { after, rows: undefined, subscription: shown ? afterPaint(subscribe) : subscribe() };
    this.pages[index] = page;
  }

  /** Page `index` answered: re-anchor the next page if its boundary moved, then publish. */
  private settle(index: number): void {
    const page = this.pages[index]!;
    const next = this.pages[index + 1];
    if (next) {
      const full = page.rows!.length === PAGE_SIZE;
      const boundary = full ? page.rows![PAGE_SIZE - 1]!.cursor : undefined;
      if (!full) {
        // This page now holds the end of the folder: the pages after it are empty.
        for (const p of this.pages.splice(index + 1)) p.subscription.unsubscribe();
      } else if (!same(next.after, boundary)) {
        // Keep showing the old rows until the re-read answers (no flicker); dedupe covers overlap.
        const keep = next.rows;
        this.open(index + 1, boundary);
        this.pages[index + 1]!.rows = keep;
      }
    }
    this.publish();
  }

  private publish(): void {
    const ready = this.pages.findIndex((p) => !p.rows);
    const count = ready === -1 ? this.pages.length : ready;
    if (count === 0) return;
    this.state = this.linesOf(count);
    this.onChange(this.state);
  }

  /** The lines of the first `count` pages (all answered), without duplicates. */
  private linesOf(count: number): ThreadPagesState {
    const seen = new Set<string>();
    const lines: ThreadLine[] = [];
    for (const p of this.pages.slice(0, count)) {
      for (const { line } of p.rows!) {
        if (!seen.has(line.threadId)) {
          seen.add(line.threadId);
          lines.push(line);
        }
      }
    }
    const last = this.pages[count - 1]!;
    return { lines, atEnd: count === this.pages.length && last.rows!.length < PAGE_SIZE };
  }
}
