/**
 * Everything the shell shows or runs from the frame after its first rows (see
 * src/ui/CONTEXT.md, the start path): one module behind one `import()` in Shell.tsx, so
 * the start path carries one loader for all of it, not one per part.
 */
export { MailboxList } from '../mailboxes/MailboxList.tsx';
export { StatusBar } from '../status/StatusBar.tsx';
export { EndOfList } from './EndOfList.tsx';
export { ShortcutsHelp } from './ShortcutsHelp.tsx';
export { UpdatePrompt } from './UpdatePrompt.tsx';
export { LocalDrafts } from './LocalDrafts.tsx';
export { OfflineTextMarks } from '../threads/OfflineTextMarks.tsx';
export { BulkBar } from './BulkBar.tsx';
export { RowActions } from '../threads/RowActions.tsx';
export { AccountMenu } from './AccountMenu.tsx';
export { FolderActions } from './FolderActions.tsx';
export { ToastView } from './Toast.tsx';
export { triageActions } from './triage.ts';
export { startMailSync } from '../bridge/mailSync.ts';
export { registerServiceWorker } from '../bridge/registerServiceWorker.ts';
export { keepRefreshingInBackground } from '../bridge/periodicRefresh.ts';
export { prefetchConversation } from '../conversation/peek.ts';
export { serverIdOf } from '../../outbox/idAliases.ts';
export { mailDb } from '../data/db.ts';
export { openLaunchedCompose } from '../compose/launch.ts';
export { launchedThread, onThreadOpened } from './launchThread.ts';
