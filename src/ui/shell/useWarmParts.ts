import { useEffect, useState } from 'react';
import type { ThreadLine } from '../threads/line.ts';
import { usePainted } from './later.tsx';
import { CHROME, WARM, chrome, prefetchConversation } from './parts.ts';

/**
 * Once the first rows are up: the chrome the frame after (`painted`); once the page is
 * idle, the later parts load (warm for the first click, offline too) and the service
 * worker is registered (`warm`). Reads ahead what the next key or click will most likely open.
 */
export function useWarmParts(accountId: string, lines: ThreadLine[] | undefined, cursor: number) {
  const [warm, setWarm] = useState(false);
  const listed = lines !== undefined;
  const painted = usePainted(listed);
  useEffect(() => {
    if (!painted) return;
    for (const part of CHROME) void part.preload().catch(() => undefined);
  }, [painted]);
  useEffect(() => {
    if (!listed || warm) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 300));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => {
      setWarm(true);
      void chrome()
        .then(async (m) => {
          await m.registerServiceWorker();
          // Signed in, the worker registered: the installed app may be woken with no page open.
          await m.keepRefreshingInBackground().catch(() => undefined);
        })
        .catch((e: unknown) => console.warn('The service worker could not be registered', e));
      for (const part of WARM) void part.preload().catch(() => undefined);
    });
    return () => cancel(id);
  }, [listed, warm]);
  useEffect(() => {
    // Not before the first rows are painted: the read-ahead brings the chrome's module.
    if (!painted) return;
    for (const at of [cursor, cursor + 1, cursor - 1]) {
      const line = lines?.[at];
      if (line) void prefetchConversation(accountId, line.threadId);
    }
  }, [accountId, lines, cursor, painted]);
  return { painted, warm };
}
