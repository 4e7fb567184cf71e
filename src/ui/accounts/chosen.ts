/**
 * Which signed-in account the page shows: one account's id, every account's Inbox at once
 * (ALL_INBOXES), the sign-in form for one more account (ADDING), or null: the first
 * account. On the start path (App reads it), so it is this one variable and no more; the
 * switcher, All inboxes and the added sign-in load lazily. Kept for the page's life only:
 * a reload opens the first account, whose Inbox the start path has read already.
 */
import { useSyncExternalStore } from 'react';

export const ALL_INBOXES = '*all';
export const ADDING = '*add';

let chosen: string | null = null;
const listeners = new Set<() => void>();

export const chooseAccount = (id: string | null) => {
  chosen = id;
  listeners.forEach((l) => l());
};

export const useChosenAccount = () =>
  useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => chosen,
  );
