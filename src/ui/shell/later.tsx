/**
 * Parts of the UI that are not on the start path (navigation -> list rows): the
 * conversation view, compose, search, settings, the identities fetch. Each is a chunk of
 * its own, loaded when first shown or, warm, when the shell is idle after the first rows
 * (`preload`); the service worker precaches every chunk, so this works offline too.
 *
 * They are the only parts that use TanStack Query, so its client comes with them
 * (data/queryClient.tsx): each is mounted under a provider of the one shared client.
 */
import { lazy, type ComponentType } from 'react';

export interface Later<P> {
  /** For JSX under <Suspense>: loads on first render. */
  Lazy: ComponentType<P>;
  /** The component once loaded (renders without Suspense), else null. */
  loaded(): ComponentType<P> | null;
  /** Starts loading (idle-time prefetch); resolves when ready. */
  preload(): Promise<ComponentType<P>>;
}

export function later<P extends object>(load: () => Promise<ComponentType<P>>): Later<P> {
  let ready: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= Promise.all([import('../data/queryClient.tsx'), load()]).then(
      ([{ WithQueries }, Inner]) => {
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
