import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** A mail styled with `min-height: 110vh` would grow the frame forever (each new height
 * makes a new viewport); past this the frame stops growing and scrolls inside. */
export const MAX_FRAME_HEIGHT_PX = 60_000;

/**
 * Sizes an iframe to its document's content height. Possible only because the frame is
 * same-origin (see MESSAGE_FRAME_SANDBOX): the parent observes the frame's <html>
 * element, which resizes as images load and quotes open or close. Call `onLoad` on
 * every load of the frame (a new srcdoc is a new document to observe).
 */
export function useFrameHeight(
  frame: RefObject<HTMLIFrameElement | null>,
  onMeasured?: (heightPx: number) => void,
): { height: number | null; onLoad: () => void } {
  const [height, setHeight] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const measured = useRef(onMeasured);
  useEffect(() => {
    measured.current = onMeasured;
  }, [onMeasured]);
  // Disconnected only when the component goes away (or a new document loads).
  useEffect(() => () => observer.current?.disconnect(), []);

  const onLoad = useCallback(() => {
    observer.current?.disconnect();
    observer.current = null;
    const doc = frame.current?.contentDocument;
    const view = frame.current?.contentWindow;
    if (!doc || !view) return;
    const root = doc.documentElement;
    const measure = () => {
      // The content's own height, not scrollHeight (which never drops below the current
      // viewport, so the frame could grow but never shrink), plus a horizontal
      // scrollbar's height when wide content shows one.
      const scrollbar = Math.max(0, view.innerHeight - root.clientHeight);
      let next = Math.ceil(root.getBoundingClientRect().height) + scrollbar;
      if (next > MAX_FRAME_HEIGHT_PX) {
        next = MAX_FRAME_HEIGHT_PX;
        root.style.overflowY = 'auto';
      }
      setHeight(next);
      measured.current?.(next);
    };
    measure();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(root);
  }, [frame]);

  return { height, onLoad };
}
