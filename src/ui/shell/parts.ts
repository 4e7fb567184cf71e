/**
 * The shell's parts that are not on the start path, each behind `later()`.
 *
 * Later parts (shell/later.tsx): loaded when first shown, and warm from the moment the
 * shell is idle after the first rows. The conversation view (it brings the sanitizer,
 * DOMPurify) renders without Suspense once loaded, so opening a conversation shows it in
 * the frame of the click (with peek.ts's read-ahead).
 *
 * The chrome and what a click runs come the frame after the first rows (`painted`), all
 * from one module (chrome.ts): the folders, the status bar (it brings the JMAP error
 * words), the end of the list, the shortcuts, the update prompt, the
 * drafts on this device, the selection's toolbar (with Move to), the rows' hover actions, the account's menu (settings, sign-out); the intents (data/actions.ts: the outbox), the worker bridge
 * and the conversation read-ahead. None of them paints a row.
 */
import type * as ChromeModule from './chrome.ts';
import { later } from './later.tsx';

export const Conversation = later(() => import('../conversation/Conversation.tsx').then((m) => m.Conversation));
export const Settings = later(() => import('../settings/Settings.tsx').then((m) => m.default));
export const ComposeHost = later(() => import('../compose/ComposeHost.tsx').then((m) => m.default));
export const KeepIdentities = later(() => import('../compose/KeepIdentities.tsx').then((m) => m.default));
export const SearchPanel = later(() => import('../search/lazy.tsx').then((m) => m.SearchPanel));
// Keeps the device's search index level with the mirror, in the search worker: the first
// search finds what the first sync brought so far.
export const SearchIndexer = later(() => import('../search/indexer.tsx').then((m) => m.SearchIndexer));
export const WARM = [Conversation, Settings, ComposeHost, KeepIdentities, SearchPanel];

type Chrome = typeof ChromeModule;
let chromeModule: Chrome | null = null;
export const chrome = () => import('./chrome.ts').then((m) => (chromeModule = m));
/** The chrome module once loaded (what a key runs in its own frame), else null. */
export const loadedChrome = () => chromeModule;
export const MailboxList = later(() => chrome().then((m) => m.MailboxList), { queries: false });
export const StatusBar = later(() => chrome().then((m) => m.StatusBar), { queries: false });
export const EndOfList = later(() => chrome().then((m) => m.EndOfList), { queries: false });
export const ShortcutsHelp = later(() => chrome().then((m) => m.ShortcutsHelp), { queries: false });
export const UpdatePrompt = later(() => chrome().then((m) => m.UpdatePrompt), { queries: false });
export const LocalDrafts = later(() => chrome().then((m) => m.LocalDrafts), { queries: false });
export const OfflineTextMarks = later(() => chrome().then((m) => m.OfflineTextMarks), { queries: false });
export const BulkBar = later(() => chrome().then((m) => m.BulkBar), { queries: false });
export const RowActions = later(() => chrome().then((m) => m.RowActions), { queries: false });
export const AccountMenu = later(() => chrome().then((m) => m.AccountMenu), { queries: false });
export const FolderActions = later(() => chrome().then((m) => m.FolderActions), { queries: false });
export const ToastView = later(() => chrome().then((m) => m.ToastView), { queries: false });
export const CHROME = [
  ToastView,
  FolderActions,
  MailboxList,
  StatusBar,
  EndOfList,
  ShortcutsHelp,
  UpdatePrompt,
  LocalDrafts,
  OfflineTextMarks,
  BulkBar,
  RowActions,
  AccountMenu,
];
export const prefetchConversation = (accountId: string, threadId: string) =>
  chrome().then((m) => m.prefetchConversation(accountId, threadId));
