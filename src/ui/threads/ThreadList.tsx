/**
 * The conversation list. Its first rows are drawn without the windowing code (the
 * viewport's worth from the top, as the virtualizer would draw them), so the start path
 * does not carry @tanstack/react-virtual (10 KB gzipped); VirtualRows.tsx, which does,
 * is loaded the frame after they are painted and takes over (keeping the scroll position).
 */
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { ListBody, OVERSCAN, rowPx, type RowSlot, type ThreadListProps } from './rows.tsx';
import type { VirtualRowsProps } from './VirtualRows.tsx';

let Windowed: ComponentType<VirtualRowsProps> | null = null;
const loadWindowed = () => import('./VirtualRows.tsx').then((m) => (Windowed = m.VirtualRows));

/** A virtualized message list: only the rows on screen (and a few more) are in the DOM. */
export function ThreadList(props: ThreadListProps) {
  const [Virtual, setVirtual] = useState(() => Windowed);
  const top = useRef(0);
  useEffect(() => {
    if (Virtual) return;
    let live = true;
    // After the frame with the first rows: nothing of this is needed to paint them.
    const frame = requestAnimationFrame(() =>
      setTimeout(
        () =>
          void loadWindowed().then(
            (c) => live && setVirtual(() => c),
            (e: unknown) => console.warn('The list could not load its windowing', e),
          ),
      ),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [Virtual]);
  if (props.lines.length === 0)
    return (
      <p className="empty-list empty-state">No conversations here. Mail you move to this folder shows here; press c to write a message.</p>
    );
  if (Virtual) return <Virtual {...props} initialTop={top.current} />;
  return <FirstRows {...props} onTop={(px) => (top.current = px)} />;
}

/** The top of the list, a viewport's height of rows and OVERSCAN more. */
function FirstRows(props: ThreadListProps & { onTop(px: number): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = props.lines.length + (props.atEnd && props.endNote ? 1 : 0);
  const px = rowPx();
  const shown = props.hidden ? 0 : Math.min(count, Math.ceil(window.innerHeight / px) + OVERSCAN);
  const slots: RowSlot[] = Array.from({ length: shown }, (_, index) => ({ index, start: index * px, size: px }));
  return (
    <ListBody
      {...props}
      scroller={scroller}
      slots={slots}
      totalPx={count * px}
      onScroll={() => props.onTop(scroller.current?.scrollTop ?? 0)}
    />
  );
}
