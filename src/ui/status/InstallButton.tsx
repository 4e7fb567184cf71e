import { useSyncExternalStore } from 'react';
import { installOffer } from '../installPrompt.ts';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

const subscribe = (cb: () => void) => {
  installOffer.changed.add(cb);
  return () => installOffer.changed.delete(cb);
};

/** Shows the browser's install dialog; the offer is spent either way (the browser makes a new one). */
async function install(): Promise<void> {
  const event = installOffer.event as InstallPromptEvent | null;
  if (!event) return;
  installOffer.event = null;
  installOffer.changed.forEach((l) => l());
  await event.prompt();
}

/**
 * "Install app", only while the browser offers it (installPrompt.ts): the installed app
 * has its own window, the mailto: and share handlers, and new-mail notifications.
 */
export function InstallButton() {
  const canInstall = useSyncExternalStore(subscribe, () => installOffer.event !== null);
  if (!canInstall) return null;
  return (
    <button type="button" onClick={() => void install()} title="Open mail in its own window, from the dock or home screen">
      Install app
    </button>
  );
}
