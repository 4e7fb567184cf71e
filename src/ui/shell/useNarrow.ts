import { useSyncExternalStore } from 'react';

/** The phone layout's breakpoint (app.css: one pane at a time). */
const NARROW = '(max-width: 700px)';

function subscribe(change: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', change);
  return () => query.removeEventListener('change', change);
}

/** True while the layout shows one pane at a time. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
