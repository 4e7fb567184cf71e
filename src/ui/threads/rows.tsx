/**
 * The conversation list's markup, given which rows to draw and where: shared by the
 * first rows (ThreadList.tsx, before the windowing code is in) and the windowed list
 * (VirtualRows.tsx), so both draw exactly the same rows.
 */
import { useEffect, useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { listDate } from './format.ts';
import type { ThreadLine } from './line.ts';

export interface ThreadListProps {
  lines: readonly ThreadLine[];
  /** The line the keyboard is on (j/k). */
  cursor: number;
  openThreadId: string | null;
  selected: ReadonlySet<string>;
  onOpen(line: ThreadLine): void;
  onToggle(threadId: string): void;
  onCursor(index: number): void;
  /** The end of the list came into view: load older mail. */
  onNearEnd(): void;
  onSwipe(line: ThreadLine, direction: 'left' | 'right'): void;
  /** The pointer is over a line, or pressed on it: read its conversation ahead. */
  onPrefetch?(line: ThreadLine): void;
  label: string;
  /**
   * The list pane is hidden (a phone, reading): no rows in the DOM, so the frame that
   * opens a conversation never shows its text twice (list preview and body).
   */
  hidden?: boolean;
  /** The mirror has nothing after the last line: `endNote` is shown there. */
  atEnd?: boolean;
  endNote?: ReactNode;
  /** Offline: the threads whose text is not on this device (marked in words for screen readers). */
  notHere?: ReadonlySet<string>;
  /** The actions drawn over the row under the pointer or holding focus (with the chrome: threads/RowActions). */
  rowActions?(line: ThreadLine, slot: RowSlot): ReactNode;
}

/** Every row's height (the windowing's size of each row), by the density on the document. */
export const rowPx = () => (document.documentElement.dataset.density === 'compact' ? 52 : 76);
/** How far a finger drags a row before it is a swipe. */
const SWIPE_PX = 80;
/** Rows drawn beyond each end of the view. */
export const OVERSCAN = 8;

/** A row to draw: its line's index (lines.length: the end note), its top and height. */
export interface RowSlot {
  index: number;
  start: number;
  size: number;
}

export interface ListBodyProps extends ThreadListProps {
  slots: readonly RowSlot[];
  totalPx: number;
  scroller: RefObject<HTMLDivElement | null>;
  onScroll?(): void;
}

export function ListBody(props: ListBodyProps) {
  const { lines, cursor, onNearEnd, slots } = props;
  const last = slots[slots.length - 1]?.index ?? 0;
  const hidden = !!props.hidden;
  useEffect(() => {
    if (!hidden && lines.length > 0 && last >= lines.length - 30) onNearEnd();
  }, [hidden, last, lines.length, onNearEnd]);

  // A finger's drag on a row: the row follows it; past SWIPE_PX it is a swipe.
  const swipe = useRef<{ x: number; id: string } | null>(null);
  const follow = (e: PointerEvent<HTMLElement>, dx: number | null) => (e.currentTarget.style.translate = dx === null ? '' : `${dx}px`);
  const up = (e: PointerEvent<HTMLElement>, line: ThreadLine) => {
    const start = swipe.current;
    swipe.current = null;
    follow(e, null);
    if (!start || start.id !== line.threadId) return;
    const dx = e.clientX - start.x;
    if (Math.abs(dx) > SWIPE_PX) props.onSwipe(line, dx > 0 ? 'right' : 'left');
  };
  const [hover, setHover] = useState<string | null>(null);
  const hovered = slots.find((s) => lines[s.index]?.threadId === hover);

  return (
    <div ref={props.scroller} className="thread-scroller" onScroll={props.onScroll} onPointerLeave={() => setHover(null)}>
      <div role="list" aria-label={props.label} style={{ height: props.totalPx, position: 'relative' }}>
        {slots.map((item) => {
          const line = lines[item.index];
          if (!line) {
            return (
              <div
                key="end"
                className="list-end"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {props.endNote}
              </div>
            );
          }
          const classes = [
            'thread',
            line.unread ? 'unread' : '',
            item.index === cursor ? 'cursor' : '',
            line.threadId === props.openThreadId ? 'open' : '',
          ].join(' ');
          return (
            <div
              key={line.threadId}
              role="listitem"
              className={classes}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
              onPointerEnter={() => (props.onPrefetch?.(line), setHover(line.threadId))}
              onFocus={() => setHover(line.threadId)}
              onPointerDown={(e) => {
                props.onPrefetch?.(line);
                if (e.pointerType === 'touch') swipe.current = { x: e.clientX, id: line.threadId };
              }}
              onPointerMove={(e) => swipe.current && follow(e, e.clientX - swipe.current.x)}
              onPointerUp={(e) => up(e, line)}
              onPointerCancel={(e) => ((swipe.current = null), follow(e, null))}
              data-thread-id={line.threadId}
            >
              <input
                type="checkbox"
                aria-label={`Select “${line.subject}”`}
                checked={props.selected.has(line.threadId)}
                onChange={() => props.onToggle(line.threadId)}
              />
              <span className={`avatar tone${line.tone}`} aria-hidden="true">
                {line.initials}
              </span>
              <button
                type="button"
                className="thread-open"
                onClick={() => (props.onCursor(item.index), props.onOpen(line))}
                aria-current={line.threadId === props.openThreadId ? 'true' : undefined}
              >
                <span className="thread-top">
                  <span className="senders">
                    {line.senders}
                    {line.count > 1 && <span className="thread-count"> {line.count}</span>}
                  </span>
                  <span className="marks">
                    {props.notHere?.has(line.threadId) && (
                      <span role="img" className="not-here" aria-label="text not on this device" title="Text not on this device">
                        ⊘
                      </span>
                    )}
                    {line.flagged && (
                      <span aria-label="starred" title="Starred">
                        ★
                      </span>
                    )}
                    {line.attachment && (
                      <svg className="clip" role="img" aria-label="has attachment" viewBox="0 0 16 16" width="14" height="14">
                        <path
                          d="M10.5 4.5 5.8 9.2a1.2 1.2 0 0 0 1.7 1.7l5-5a2.5 2.5 0 0 0-3.5-3.5l-5 5a3.8 3.8 0 0 0 5.3 5.3l4.2-4.2"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth="1.4"
                          strokeLinecap="round"
                        />
                      </svg>
                    )}
                  </span>
                  <time dateTime={new Date(line.receivedMs).toISOString()}>{listDate(line.receivedMs)}</time>
                </span>
                <span className="subject">
                  {line.unread && <span className="visually-hidden">Unread: </span>}
                  {line.subject}
                </span>
                <span className="preview">{line.preview}</span>
              </button>
            </div>
          );
        })}
      </div>
      {hovered && props.rowActions?.(lines[hovered.index]!, hovered)}
    </div>
  );
}
