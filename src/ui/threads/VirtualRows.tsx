/**
 * The windowed conversation list (@tanstack/react-virtual): only the rows on screen and
 * OVERSCAN more are in the DOM. Not on the start path: ThreadList.tsx draws the first
 * rows without it and loads this module right after they are painted.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { ListBody, OVERSCAN, rowPx, type ThreadListProps } from './rows.tsx';

/** The row height, re-read when Settings changes the density on the document. */
function useRowPx(): number {
  return useSyncExternalStore((changed) => {
    const watch = new MutationObserver(changed);
    watch.observe(document.documentElement, { attributeFilter: ['data-density'] });
    return () => watch.disconnect();
  }, rowPx);
}

export interface VirtualRowsProps extends ThreadListProps {
  /** Where the first rows' list was scrolled to when this took over. */
  initialTop: number;
}

export function VirtualRows(props: VirtualRowsProps) {
  const { lines, cursor, initialTop } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // Before the virtualizer's own layout effects read the scroll position: the first
  // rows' list may have been scrolled in the moment before this module came in.
  useLayoutEffect(() => {
    if (initialTop && scroller.current) scroller.current.scrollTop = initialTop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const px = useRowPx();
  const withEnd = props.atEnd && props.endNote ? 1 : 0;
  const virtual = useVirtualizer({
    count: lines.length + withEnd,
    getScrollElement: () => scroller.current,
    estimateSize: () => px,
    overscan: OVERSCAN,
    initialOffset: initialTop,
  });
  // Follow the cursor when it moves (keys), never when the list grows: a page of older
  // mail arriving while someone scrolls must not pull the view back to the cursor (it
  // did: the whole-list scroll bench found the view jumping back to the top each page).
  useEffect(() => virtual.measure(), [px, virtual]);
  const followed = useRef(cursor);
  useEffect(() => {
    if (followed.current === cursor) return;
    followed.current = cursor;
    if (cursor >= 0 && cursor < lines.length) virtual.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, lines.length, virtual]);
  return <ListBody {...props} scroller={scroller} slots={props.hidden ? [] : virtual.getVirtualItems()} totalPx={virtual.getTotalSize()} />;
}
