/** Which compose windows are open (a tiny store, so any part of the UI can open one). */
import { useSyncExternalStore } from 'react';

export interface ComposeInit {
  mode: 'new' | 'reply' | 'replyAll' | 'forward';
  /** The message replied to or forwarded. */
  emailId?: string;
  /** A forward that attaches the original message instead of quoting it. */
  asAttachment?: boolean;
  /** Reopen a draft in progress (db.drafts). */
  draftId?: string;
  /** A new message from a mailto: URL (a link in a mail, or the system's handler): see mailto.ts. */
  mailto?: string;
}

let open: (ComposeInit & { key: string }) | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function openCompose(init: ComposeInit = { mode: 'new' }): void {
  open = { ...init, key: init.draftId ?? crypto.randomUUID() };
  emit();
}

export function closeCompose(): void {
  open = null;
  emit();
}

export function useOpenCompose() {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => open,
  );
}
