import { Suspense, useEffect, useMemo, useState } from 'react';
import { readMailboxes } from '../../outbox/reads.ts';
import type { AccountRow } from '../../store/index.ts';
import type { MailboxRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { startRead } from '../data/startRead.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { ThreadList } from '../threads/ThreadList.tsx';
import type { ThreadLine } from '../threads/line.ts';
import { useThreadPages } from '../threads/useThreadPages.ts';
import { useKeyboard, type KeyAction } from './useKeyboard.ts';
import { useTheme } from './useTheme.ts';
import { useNarrow } from './useNarrow.ts';
import { openCompose, useOpenCompose } from '../compose/store.ts';
import { later, usePainted } from './later.tsx';
import { launchedThread, onThreadOpened } from './launchThread.ts';

// Not on the start path (shell/later.tsx): loaded when first shown, and warm from the
// moment the shell is idle after the first rows. The conversation view (it brings the
// sanitizer, DOMPurify) renders without Suspense once loaded, so opening a conversation
// shows it in the frame of the click (with peek.ts's read-ahead).
const Conversation = later(() => import('../conversation/Conversation.tsx').then((m) => m.Conversation));
const Settings = later(() => import('../settings/Settings.tsx').then((m) => m.default));
const ComposeHost = later(() => import('../compose/ComposeHost.tsx').then((m) => m.default));
const KeepIdentities = later(() => import('../compose/KeepIdentities.tsx').then((m) => m.default));
const SearchPanel = later(() => import('../search/lazy.tsx').then((m) => m.SearchPanel));
// The offline index is read (tens of MB for a big mailbox) only once search is used.
const SearchIndexer = later(() => import('../search/lazy.tsx').then((m) => m.SearchIndexer));
const WARM = [Conversation, Settings, ComposeHost, KeepIdentities, SearchPanel];
// The shell's chrome and what a click runs come the frame after the first rows
// (`painted`), all from one module (chrome.ts): the folders, the status bar (it brings
// the JMAP error words), the end of the list, the Move to menu, the shortcuts, the update
// prompt, the drafts on this device; the intents (data/actions.ts: the outbox), the
// worker bridge, sign-out and the conversation read-ahead. None of them paints a row.
const chrome = () => import('./chrome.ts');
const MailboxList = later(() => chrome().then((m) => m.MailboxList), { queries: false });
const StatusBar = later(() => chrome().then((m) => m.StatusBar), { queries: false });
const EndOfList = later(() => chrome().then((m) => m.EndOfList), { queries: false });
const MoveTo = later(() => chrome().then((m) => m.MoveTo), { queries: false });
const ShortcutsHelp = later(() => chrome().then((m) => m.ShortcutsHelp), { queries: false });
const UpdatePrompt = later(() => chrome().then((m) => m.UpdatePrompt), { queries: false });
const LocalDrafts = later(() => chrome().then((m) => m.LocalDrafts), { queries: false });
const CHROME = [MailboxList, StatusBar, EndOfList, MoveTo, ShortcutsHelp, UpdatePrompt, LocalDrafts];
const prefetchConversation = (accountId: string, threadId: string) => chrome().then((m) => m.prefetchConversation(accountId, threadId));
const roleOf = (mailboxes: readonly MailboxRecord[] | undefined, role: string) => mailboxes?.find((m) => m.role === role)?.id;

/** Three panes on a desktop (folders, list, conversation); one at a time on a phone. */
export function Shell({ account }: { account: AccountRow }) {
  const accountId = account.id;
  const db = mailDb();
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    void chrome().then((m) => {
      if (live) stop = m.startMailSync(db, accountId);
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db, accountId]);
  // Opened by the system to write (/?mailto=…, or a share kept as /?draft=…).
  useEffect(() => void chrome().then((m) => m.openLaunchedCompose()), []);
  const mailboxes = useLiveQuery(
    () => readMailboxes(db, accountId),
    [accountId],
    () => (startRead()?.accounts[0]?.id === accountId ? startRead()?.mailboxes : undefined),
  );
  const [mailboxId, setMailboxId] = useState<string | undefined>();
  // A folder made here and opened at once is known by its local id until the server
  // makes it; then the screen follows it to the server's id instead of losing it.
  useEffect(() => {
    if (!mailboxId || !mailboxes || mailboxes.some((m) => m.id === mailboxId)) return;
    let live = true;
    void chrome().then(async ({ serverIdOf }) => {
      const id = await serverIdOf(db, accountId, mailboxId);
      if (live && id) setMailboxId(id);
    });
    return () => {
      live = false;
    };
  }, [db, accountId, mailboxId, mailboxes]);
  const current = mailboxId ?? roleOf(mailboxes, 'inbox') ?? mailboxes?.[0]?.id;
  const { lines: liveLines, atEnd, more } = useThreadPages(accountId, current);
  // What a click changed, shown in the same frame; the live query catches up a few frames
  // later (the intent's transaction, then the re-read), and these entries then go.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [patched, setPatched] = useState<ReadonlyMap<string, Partial<Pick<ThreadLine, 'unread' | 'flagged'>>>>(new Map());
  useEffect(() => {
    if (!liveLines) return;
    const present = new Set(liveLines.map((l) => l.threadId));
    setHidden((h) => (h.size ? new Set([...h].filter((id) => present.has(id))) : h));
    setPatched((p) => {
      if (!p.size) return p;
      const next = new Map(p);
      for (const l of liveLines) {
        const want = p.get(l.threadId);
        if (want && (want.unread === undefined || want.unread === l.unread) && (want.flagged === undefined || want.flagged === l.flagged))
          next.delete(l.threadId);
      }
      return next;
    });
  }, [liveLines]);
  const lines = useMemo(
    () =>
      liveLines?.filter((l) => !hidden.has(l.threadId)).map((l) => (patched.has(l.threadId) ? { ...l, ...patched.get(l.threadId) } : l)),
    [liveLines, hidden, patched],
  );
  const hide = (list: ThreadLine[]) => setHidden((h) => new Set([...h, ...list.map((l) => l.threadId)]));
  const patch = (list: ThreadLine[], change: Partial<Pick<ThreadLine, 'unread' | 'flagged'>>) =>
    setPatched((p) => new Map([...p, ...list.map((l) => [l.threadId, { ...p.get(l.threadId), ...change }] as const)]));
  const [cursor, setCursor] = useState(0);
  // The cursor stays where it was when its line goes (archive): on the next one, or on the
  // new last line when the last one went.
  const lineCount = lines?.length ?? 0;
  useEffect(() => {
    if (lineCount > 0 && cursor >= lineCount) setCursor(lineCount - 1);
  }, [cursor, lineCount]);
  const [openThread, setOpenThread] = useState<string | null>(null);
  // Opened from a notification: /?thread=<id> in a new window, or a message to this one (src/sw/push.ts).
  useEffect(() => {
    const launched = launchedThread();
    if (launched) setOpenThread(launched);
    return onThreadOpened(accountId, setOpenThread);
  }, [accountId]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [showHelp, setShowHelp] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [showMenu, setShowMenu] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [searchInput, setSearchInput] = useState('');
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearchText(searchInput.trim()), 250);
    return () => clearTimeout(t);
  }, [searchInput]);
  const [theme, setTheme] = useTheme();
  const narrow = useNarrow();

  const selectMailbox = (id: string) => {
    setMailboxId(id);
    setCursor(0);
    setOpenThread(null);
    setSelected(new Set());
  };

  const mailboxName = mailboxes?.find((m) => m.id === current)?.name ?? 'Mail';
  const targets = useMemo((): ThreadLine[] => {
    if (!lines) return [];
    if (selected.size) return lines.filter((l) => selected.has(l.threadId));
    const open = lines.find((l) => l.threadId === openThread);
    if (open) return [open];
    const at = lines[cursor];
    return at ? [at] : [];
  }, [lines, selected, openThread, cursor]);

  const ids = (list: ThreadLine[]) => list.flatMap((l) => l.emailIds);
  const afterRemoval = () => {
    setSelected(new Set());
    if (openThread) setOpenThread(null);
  };
  const archive = (list = targets) => {
    const to = roleOf(mailboxes, 'archive');
    if (!to || !list.length) return setNotice(to ? 'Nothing selected.' : 'This account has no Archive folder.');
    hide(list);
    void chrome().then((a) => a.moveTo(accountId, ids(list), current, to));
    setNotice(`Archived ${list.length} conversation${list.length === 1 ? '' : 's'}.`);
    afterRemoval();
  };
  const trash = (list = targets) => {
    const to = roleOf(mailboxes, 'trash');
    if (!to || !list.length) return setNotice(to ? 'Nothing selected.' : 'This account has no Trash folder.');
    hide(list);
    void chrome().then((a) => a.moveTo(accountId, ids(list), current, to));
    setNotice(`Moved ${list.length} conversation${list.length === 1 ? '' : 's'} to Trash.`);
    afterRemoval();
  };
  const moveToFolder = (to: string, list = targets) => {
    if (!list.length) return setNotice('Nothing selected.');
    const name = mailboxes?.find((m) => m.id === to)?.name ?? 'the folder';
    hide(list);
    void chrome().then((a) => a.moveTo(accountId, ids(list), current, to));
    setNotice(`Moved ${list.length} conversation${list.length === 1 ? '' : 's'} to ${name}.`);
    afterRemoval();
  };
  const star = (list = targets) => {
    if (!list.length) return;
    const on = !list.some((l) => l.flagged);
    patch(list, { flagged: on });
    void chrome().then((a) => a.setKeyword(accountId, on ? list.map((l) => l.emailId) : ids(list), '$flagged', on));
  };
  const markRead = (read: boolean, list = targets) => {
    if (!list.length) return;
    patch(list, { unread: !read });
    void chrome().then((a) => a.setKeyword(accountId, ids(list), '$seen', read));
    if (!read && openThread) setOpenThread(null);
  };

  // Once the first rows are up and the page is idle: the later parts load (warm for the
  // first click, offline too) and the identities are fetched.
  const [warm, setWarm] = useState(false);
  const listed = lines !== undefined;
  const painted = usePainted(listed);
  useEffect(() => {
    if (!painted) return;
    for (const part of CHROME) void part.preload().catch(() => undefined);
  }, [painted]);
  useEffect(() => {
    if (!listed || warm) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 300));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => {
      setWarm(true);
      void chrome()
        .then((m) => m.registerServiceWorker())
        .catch((e: unknown) => console.warn('The service worker could not be registered', e));
      for (const part of WARM) void part.preload().catch(() => undefined);
    });
    return () => cancel(id);
  }, [listed, warm]);
  const composing = useOpenCompose() !== null;
  const [searched, setSearched] = useState(false);
  if (searchText && !searched) setSearched(true);
  // Read ahead what the next key or click will most likely open.
  useEffect(() => {
    for (const at of [cursor, cursor + 1, cursor - 1]) {
      const line = lines?.[at];
      if (line) void prefetchConversation(accountId, line.threadId);
    }
  }, [accountId, lines, cursor]);
  // Chosen once per opened conversation: the loaded component when warm (no Suspense, the
  // frame of the click), else the lazy one. Switching from one to the other while the same
  // conversation is open would be a new component type: React would unmount it and mount
  // it again, its message frames reloading under the reader (seen as a vanished message in
  // the hostile e2e on a loaded machine, when the chunk arrived just after the open).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ConversationView = useMemo(() => Conversation.loaded() ?? Conversation.Lazy, [openThread]);

  useKeyboard((action: KeyAction) => {
    const count = lines?.length ?? 0;
    switch (action) {
      case 'next':
        return setCursor((c) => Math.min(count - 1, c + 1));
      case 'previous':
        return setCursor((c) => Math.max(0, c - 1));
      case 'open': {
        const line = lines?.[cursor];
        if (line) setOpenThread(line.threadId);
        return;
      }
      case 'back':
        return setOpenThread(null);
      case 'archive':
        return archive();
      case 'trash':
        return trash();
      case 'star':
        return star();
      case 'markRead':
        return markRead(true);
      case 'markUnread':
        return markRead(false);
      case 'select': {
        const line = lines?.[cursor];
        if (line) setSelected((s) => new Set(s.has(line.threadId) ? [...s].filter((x) => x !== line.threadId) : [...s, line.threadId]));
        return;
      }
      case 'goInbox': {
        const inbox = roleOf(mailboxes, 'inbox');
        if (inbox) selectMailbox(inbox);
        return;
      }
      case 'help':
        return setShowHelp((v) => !v);
      case 'moveTo': {
        // The list's "Move to" is on the selection toolbar: select the cursor's row first.
        const line = lines?.[cursor];
        if (!openThread && selected.size === 0 && line) setSelected(new Set([line.threadId]));
        requestAnimationFrame(() => document.getElementById(openThread ? 'move-to-conversation' : 'move-to-list')?.focus());
        return;
      }
      case 'search':
        return document.getElementById('search')?.focus();
      case 'compose':
        return openCompose({ mode: 'new' });
      case 'reply':
      case 'replyAll':
      case 'forward': {
        const line = lines?.find((l) => l.threadId === openThread) ?? lines?.[cursor];
        if (line) openCompose({ mode: action, emailId: line.emailId });
        return;
      }
    }
  });

  const doSignOut = async () => {
    const { signOut, unsentCount } = await chrome();
    const unsent = await unsentCount(db, accountId);
    const warning = unsent
      ? `${unsent} change${unsent === 1 ? ' has' : 's have'} not reached the server yet and will be lost. Sign out anyway?`
      : 'Sign out and remove this account’s mail from this device?';
    if (confirm(warning)) await signOut(db, accountId);
  };

  const MoveToView = MoveTo.loaded() ?? MoveTo.Lazy;
  return (
    <div className={`app ${openThread ? 'reading' : 'listing'}`}>
      <header className="topbar">
        <h1 className="brand">Mail</h1>
        <button type="button" className="primary" onClick={() => openCompose({ mode: 'new' })}>
          Compose
        </button>
        <input
          id="search"
          type="search"
          placeholder="Search mail (from:, to:, has:attachment, is:unread, after:, before:, in:)"
          aria-label="Search mail"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setSearchInput('');
              (e.target as HTMLInputElement).blur();
            }
          }}
        />
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={showMenu}
          aria-controls="top-actions"
          onClick={() => setShowMenu((v) => !v)}
        >
          Menu
        </button>
        {/* On a phone these fold into the Menu (CSS); on a desktop they are always shown. */}
        <div id="top-actions" className={showMenu ? 'top-actions open' : 'top-actions'} onClick={() => setShowMenu(false)}>
          <span className="account">{account.name}</span>
          <button
            type="button"
            onClick={() => setTheme(theme === 'dark' ? 'light' : theme === 'light' ? 'system' : 'dark')}
            aria-label={`Theme: ${theme}. Switch`}
          >
            {theme === 'system' ? 'Theme: system' : theme === 'dark' ? 'Theme: dark' : 'Theme: light'}
          </button>
          <button type="button" onClick={() => setShowHelp(true)}>
            Shortcuts
          </button>
          <button type="button" onClick={() => setShowSettings(true)}>
            Settings
          </button>
          <button type="button" onClick={() => void doSignOut()}>
            Sign out
          </button>
        </div>
        {painted && (
          <Suspense fallback={null}>
            <UpdatePrompt.Lazy />
          </Suspense>
        )}
      </header>
      <div className="nav-pane">
        {painted && mailboxes && (
          <Suspense fallback={null}>
            <MailboxList.Lazy accountId={accountId} mailboxes={mailboxes} selected={current} onSelect={selectMailbox} />
          </Suspense>
        )}
        {painted && (
          <Suspense fallback={null}>
            <LocalDrafts.Lazy accountId={accountId} />
          </Suspense>
        )}
      </div>
      <main className="list-pane" aria-label={`${mailboxName} conversations`}>
        <h2 className="pane-title">{searchText ? `Search: ${searchText}` : mailboxName}</h2>
        {selected.size > 0 && (
          <div className="bulk" role="toolbar" aria-label="Selected conversations">
            <span>{selected.size} selected</span>
            <button type="button" onClick={() => archive()}>
              Archive
            </button>
            <button type="button" onClick={() => trash()}>
              Delete
            </button>
            <button type="button" onClick={() => markRead(true)}>
              Mark read
            </button>
            <button type="button" onClick={() => markRead(false)}>
              Mark unread
            </button>
            <button type="button" onClick={() => star()}>
              Star
            </button>
            {mailboxes && (
              <Suspense fallback={null}>
                {/* The loaded component once there: React.lazy suspends on every first mount,
                    and "v" focuses this in the next frame (the toolbar appears with the key). */}
                <MoveToView id="move-to-list" mailboxes={mailboxes} currentMailboxId={current} onMove={(to) => moveToFolder(to)} />
              </Suspense>
            )}
            <button type="button" onClick={() => setSelected(new Set())}>
              Clear
            </button>
          </div>
        )}
        {searchText ? (
          <Suspense fallback={<p className="muted">Searching…</p>}>
            <SearchPanel.Lazy accountId={accountId} input={searchText} onOpenThread={(id) => setOpenThread(id)} />
          </Suspense>
        ) : lines === undefined ? (
          <p className="muted">Opening your mail…</p>
        ) : (
          <ThreadList
            lines={lines}
            cursor={cursor}
            openThreadId={openThread}
            hidden={narrow && openThread !== null}
            selected={selected}
            label={`${mailboxName} conversations`}
            onOpen={(l) => setOpenThread(l.threadId)}
            onCursor={setCursor}
            onToggle={(id) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]))}
            onNearEnd={more}
            atEnd={atEnd}
            endNote={
              painted && (
                <Suspense fallback={null}>
                  <EndOfList.Lazy accountId={accountId} />
                </Suspense>
              )
            }
            onSwipe={(l, d) => (d === 'right' ? archive([l]) : trash([l]))}
            onPrefetch={(l) => void prefetchConversation(accountId, l.threadId)}
          />
        )}
      </main>
      <section className="reading-pane" aria-label="Conversation">
        {openThread ? (
          <Suspense fallback={<p className="muted">Opening…</p>}>
            <ConversationView
              key={openThread}
              accountId={accountId}
              threadId={openThread}
              mailboxes={mailboxes ?? []}
              currentMailboxId={current}
              actions={{
                archive: () => archive(),
                trash: () => trash(),
                toggleStar: () => star(),
                markUnread: () => markRead(false),
                back: () => setOpenThread(null),
                reply: (mode, emailId, asAttachment) => openCompose({ mode, emailId, ...(asAttachment ? { asAttachment } : {}) }),
                moveTo: (to) => moveToFolder(to),
              }}
            />
          </Suspense>
        ) : (
          <p className="muted placeholder">Choose a conversation to read it.</p>
        )}
      </section>
      {painted && (
        <Suspense fallback={null}>
          <StatusBar.Lazy accountId={accountId} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        {(warm || composing) && <ComposeHost.Lazy account={account} />}
        {warm && <KeepIdentities.Lazy accountId={accountId} />}
        {searched && <SearchIndexer.Lazy accountId={accountId} />}
        {showSettings && <Settings.Lazy accountId={accountId} onClose={() => setShowSettings(false)} />}
      </Suspense>
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {painted && (
        <Suspense fallback={null}>
          <ShortcutsHelp.Lazy open={showHelp} onClose={() => setShowHelp(false)} />
        </Suspense>
      )}
    </div>
  );
}
