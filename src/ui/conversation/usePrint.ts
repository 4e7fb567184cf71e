/**
 * Printing a conversation: "Print" (and Ctrl+P / ⌘P while a conversation is open) opens
 * every message, waits until each body is loaded and each message frame has taken its
 * height at the printed width (`.printing` in print.css sets the frames to it, on screen
 * and on paper alike, so the height measured is the height printed), then asks the
 * browser to print. Chromium slices a frame taller than a page over the pages it needs,
 * so a long message prints whole once its frame is as tall as its content.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Printing waits at most this long for bodies and frames (then prints what is there). */
const READY_MS = 15_000;
const POLL_MS = 100;

/** The heights of the message frames once each has one, or null while one is loading. */
function frameHeights(root: HTMLElement): string | null {
  if (root.querySelector('[data-body-loading]')) return null;
  const heights: string[] = [];
  for (const frame of root.querySelectorAll<HTMLIFrameElement>('iframe.msg-frame')) {
    if (!frame.style.height) return null;
    heights.push(frame.style.height);
  }
  return heights.join();
}

/** Resolves once two looks in a row find every body loaded and the same frame heights. */
function ready(root: HTMLElement, live: () => boolean): Promise<void> {
  const until = Date.now() + READY_MS;
  let last: string | null = null;
  return new Promise((resolve) => {
    const look = () => {
      if (!live()) return resolve();
      const now = frameHeights(root);
      if ((now !== null && now === last) || Date.now() > until) return resolve();
      last = now;
      setTimeout(look, POLL_MS);
    };
    setTimeout(look, POLL_MS);
  });
}

export function usePrint(root: RefObject<HTMLElement | null>, onOpenAll: () => void): { printing: boolean; print: () => void } {
  const [printing, setPrinting] = useState(false);
  const print = useCallback(() => {
    onOpenAll();
    setPrinting(true);
  }, [onOpenAll]);

  useEffect(() => {
    if (!printing) return;
    let live = true;
    void ready(root.current ?? document.body, () => live).then(() => {
      if (!live) return;
      window.print();
      setPrinting(false);
    });
    return () => {
      live = false;
    };
  }, [printing, root]);

  // The browser's own Ctrl+P would print the frames at the height they have on screen:
  // while a conversation is open, the key prints it the way the button does.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        print();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [print]);

  return { printing, print };
}
