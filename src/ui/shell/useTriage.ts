import { useEffect, useState } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { chrome, loadedChrome } from './parts.ts';
import type { Toast, TriageActions } from './triage.ts';
import type { ListOverlay } from './useListOverlay.ts';
import type { ListView } from './useListView.ts';

interface TriageInput {
  accountId: string;
  mailboxes: readonly MailboxRecord[] | undefined;
  current: string | undefined;
  overlay: ListOverlay;
  view: ListView;
}

/** How long an action's toast, and its Undo, stay. */
const TOAST_MS = 8000;

/**
 * The triage actions (shell/triage.ts, with the chrome: off the start path) and the toast
 * they show. Once the chrome is in (the frame after the first rows) an action runs in the
 * frame of the key; before that it runs when the module arrives, a few ms later.
 */
export function useTriage(input: TriageInput) {
  const [toast, setToast] = useState<Toast | null>(null);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast((now) => (now === toast ? null : now)), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);
  const run =
    <K extends keyof TriageActions>(name: K) =>
    (...args: Parameters<TriageActions[K]>) => {
      const go = (m: Awaited<ReturnType<typeof chrome>>) =>
        (m.triageActions({ ...input, setToast })[name] as (...a: typeof args) => void)(...args);
      const now = loadedChrome();
      if (now) return void go(now);
      void chrome().then(go);
    };
  return {
    toast,
    archive: run('archive'),
    trash: run('trash'),
    emptyTrash: run('emptyTrash'),
    spam: run('spam'),
    moveToFolder: run('moveToFolder'),
    star: run('star'),
    markRead: run('markRead'),
    undoLast: () => toast?.undo?.(),
  };
}

export type Triage = ReturnType<typeof useTriage>;
