/**
 * Which signed-in account the page shows: one account's id, every account's Inbox at once
 * (ALL_INBOXES), the sign-in form for one more account (ADDING), or null: the first
 * account. On the start path (App reads it), so it is this one variable and no more; the
 * switcher, All inboxes and the added sign-in load lazily. An account chosen is kept as
 * the device's SHOWN_ACCOUNT: a reload opens it again (the start path reads its Inbox).
 */
import { useSyncExternalStore } from 'react';
import { SHOWN_ACCOUNT, writeSetting } from '../../store/setting.ts';
import { loadMirror } from '../data/loadMirror.ts';

export const ALL_INBOXES = '*all';
export const ADDING = '*add';

let chosen: string | null = null;
const listeners = new Set<() => void>();

export const chooseAccount = (id: string | null) => {
  chosen = id;
  if (id && id !== ALL_INBOXES && id !== ADDING) {
    void loadMirror()
      .then((m) => writeSetting(m.mailDb(), SHOWN_ACCOUNT, id))
      .catch((e: unknown) => console.warn('The account shown could not be kept for the next start', e));
  }
  listeners.forEach((l) => l());
};

/** The account the start read opened on (before the first render; a choice made since wins). */
export const startWith = (id: string | undefined) => {
  if (chosen === null && id) chosen = id;
};

export const useChosenAccount = () =>
  useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => chosen,
  );
