/**
 * The browser's offer to install the app (Chromium's `beforeinstallprompt`), kept for an
 * "Install app" button instead of the browser's own mini-infobar. The event can fire as
 * soon as the page loads, before the shell's chrome is in, so main.tsx listens from the
 * start (this module is a few lines of the first download); the button reads it later.
 * Installed (`appinstalled`), or in the installed window itself, there is nothing to offer.
 */
import { useSyncExternalStore } from 'react';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let offer: InstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    offer = event as InstallPromptEvent;
    changed();
  });
  window.addEventListener('appinstalled', () => {
    offer = null;
    changed();
  });
}

/** Shows the browser's install dialog; the offer is spent either way (the browser makes a new one). */
export async function install(): Promise<'accepted' | 'dismissed'> {
  const event = offer;
  if (!event) return 'dismissed';
  offer = null;
  changed();
  await event.prompt();
  return (await event.userChoice).outcome;
}

/** Whether the browser offers to install the app now. */
export function useCanInstall(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => offer !== null,
  );
}
