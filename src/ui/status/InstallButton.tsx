import { install, useCanInstall } from '../installPrompt.ts';

/**
 * "Install app", only while the browser offers it (installPrompt.ts): the installed app
 * has its own window, the mailto: and share handlers, and new-mail notifications.
 */
export function InstallButton() {
  const canInstall = useCanInstall();
  if (!canInstall) return null;
  return (
    <button type="button" onClick={() => void install()} title="Open mail in its own window, from the dock or home screen">
      Install app
    </button>
  );
}
