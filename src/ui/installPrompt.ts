/**
 * The browser's offer to install the app (Chromium's `beforeinstallprompt`), kept for the
 * "Install app" button (status/InstallButton.tsx) instead of the browser's own
 * mini-infobar. The event can fire before the shell's chrome is in, so main.tsx listens
 * from the start; this is all of it in the first download. Installed (`appinstalled`),
 * there is nothing to offer.
 */
export const installOffer = { event: null as Event | null, changed: new Set<() => void>() };

export function listenForInstallPrompt(): void {
  const set = (event: Event | null) => {
    installOffer.event = event;
    installOffer.changed.forEach((l) => l());
  };
  addEventListener('beforeinstallprompt', (event) => (event.preventDefault(), set(event)));
  addEventListener('appinstalled', () => set(null));
}
