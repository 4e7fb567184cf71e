import { useEffect, useState } from 'react';
import { afterPaint, type Stoppable } from './afterPaint.ts';
import { loadMirror, type Mirror } from './loadMirror.ts';

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * A Dexie live query as React state: re-runs whenever a table it read changes, whoever
 * wrote it (this page, another tab, the service worker's engine: Dexie broadcasts commits).
 * `undefined` until the first answer.
 *
 * `peek`, when given, answers synchronously from memory for the first render after the
 * deps change (see conversation/peek.ts): what was read ahead shows in the same frame
 * as the click, and the live query takes over a moment later. With a peek, a change of
 * deps never shows the previous deps' answer.
 *
 * Dexie comes with the mirror module (loadMirror.ts), not with this hook: the start path
 * uses it before Dexie is loaded. `query` gets that module, so a module of the start path
 * can read without importing Dexie (`(m) => m.readMailboxes(m.mailDb(), id)`).
 */
export function useLiveQuery<T>(
  query: (mirror: Mirror) => Promise<T>,
  deps: readonly unknown[],
  peek?: () => T | undefined,
): T | undefined {
  const [state, setState] = useState<{ deps: readonly unknown[]; value: T | undefined }>(() => ({ deps, value: peek?.() }));
  let current = state;
  if (peek && !sameDeps(state.deps, deps)) {
    // Derived state, set during render: React re-renders at once, before painting.
    current = { deps, value: peek() };
    setState(current);
  }
  // Shown from a peek: the live query starts after that frame is painted (afterPaint.ts).
  const peeked = current.value !== undefined;
  useEffect(() => {
    const subscribe = (): Stoppable => {
      let live: Stoppable | null = null;
      let stopped = false;
      void loadMirror().then((m) => {
        if (stopped) return;
        live = m
          .liveQuery(() => query(m))
          .subscribe({
            next: (value) => setState({ deps, value }),
            error: (error: unknown) => console.error('A read of the local mirror failed', error),
          });
      });
      return {
        unsubscribe() {
          stopped = true;
          live?.unsubscribe();
        },
      };
    };
    const subscription = peeked ? afterPaint(subscribe) : subscribe();
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, deps);
  return current.value;
}
