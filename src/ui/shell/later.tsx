/**
 * Parts of the UI that are not on the start path (navigation -> list rows): the
 * conversation view, compose, search, settings, the identities fetch. Each is a chunk of
 * its own, loaded when first shown or, warm, when the shell is idle after the first rows
 * (`preload`); the service worker precaches every chunk, so this works offline too.
 *
 * They are the only parts that use TanStack Query, so its client comes with them
 * (data/queryClient.tsx): each is mounted under a provider of the one shared client.
 * The shell's own chrome (folders, status bar; `{ queries: false }`) needs none: it is
 * loaded the frame after the first rows (`usePainted`), not when idle.
 */
import { lazy, useEffect, useState, type ComponentType } from 'react';

export interface Later<P> {
  /** For JSX under <Suspense>: loads on first render. */
  Lazy: ComponentType<P>;
  /** The component once loaded (renders without Suspense), else null. */
  loaded(): ComponentType<P> | null;
  /** Starts loading (idle-time prefetch); resolves when ready. */
  preload(): Promise<ComponentType<P>>;
}

export function later<P extends object>(load: () => Promise<ComponentType<P>>, { queries = true } = {}): Later<P> {
  let ready: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= Promise.all([queries ? import('../data/queryClient.tsx') : null, load()]).then(
      ([withQueries, Inner]) => {
        if (!withQueries) return (ready = Inner);
        const { WithQueries } = withQueries;
        const Ready = (props: P) => (
          <WithQueries>
            <Inner {...props} />
          </WithQueries>
        );
        return (ready = Ready);
      },
      (error: unknown) => {
        // A failed download (offline before the worker cached it) may be tried again.
        pending = null;
        throw error;
      },
    ));
  return {
    Lazy: lazy(() => preload().then((c) => ({ default: c }))),
    loaded: () => ready,
    preload,
  };
}

/**
 * True from the frame after `ready` (the first rows are in) was first true: what renders
 * only then, and loads only then, is not part of the start path (nothing of it is
 * fetched before the rows are painted).
 */
export function usePainted(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
