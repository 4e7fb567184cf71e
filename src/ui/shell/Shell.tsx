import { Suspense, useMemo, useState } from 'react';
import type { AccountRow } from '../../store/index.ts';
import { ThreadList } from '../threads/ThreadList.tsx';
import type { ThreadLine } from '../threads/line.ts';
import { useThreadPages } from '../threads/useThreadPages.ts';
import { useNarrow } from './useNarrow.ts';
import { openCompose, useOpenCompose } from '../compose/store.ts';
import {
  BulkBar,
  ComposeHost,
  Conversation,
  EndOfList,
  FolderActions,
  KeepIdentities,
  LocalDrafts,
  MailboxList,
  OfflineTextMarks,
  RowActions,
  SearchIndexer,
  SearchPanel,
  Settings,
  ShortcutsHelp,
  StatusBar,
  ToastView,
  prefetchConversation,
} from './parts.ts';
import { TopBar } from './TopBar.tsx';
import { useFolder } from './useFolder.ts';
import { useListOverlay } from './useListOverlay.ts';
import { useListView } from './useListView.ts';
import { useSearchText } from './useSearchText.ts';
import { useShellKeys } from './useShellKeys.ts';
import { useTriage } from './useTriage.ts';
import { useLaunchedThread, useMailSync } from './useMailSync.ts';
import { useWarmParts } from './useWarmParts.ts';

/** Three panes on a desktop (folders, list, conversation); one at a time on a phone. */
export function Shell({ account }: { account: AccountRow }) {
  const accountId = account.id;
  useMailSync(accountId);
  const { mailboxes, current, mailboxName, setMailboxId } = useFolder(accountId);
  const { lines: liveLines, atEnd, more } = useThreadPages(accountId, current);
  const overlay = useListOverlay(liveLines);
  const { lines } = overlay;
  const view = useListView(lines);
  const { cursor, setCursor, openThread, setOpenThread, selected, setSelected } = view;
  useLaunchedThread(accountId, setOpenThread);
  const [showHelp, setShowHelp] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [notHere, setNotHere] = useState<ReadonlySet<string>>();
  const { searchInput, setSearchInput, searchText } = useSearchText();
  const narrow = useNarrow();
  const selectMailbox = (id: string) => {
    setMailboxId(id);
    view.reset();
  };
  const triage = useTriage({ accountId, mailboxes, current, overlay, view });
  const { painted, warm } = useWarmParts(accountId, lines, cursor);
  const composing = useOpenCompose() !== null;
  // Chosen once per opened conversation: the loaded component when warm (no Suspense, the
  // frame of the click), else the lazy one. Switching from one to the other while the same
  // conversation is open would be a new component type: React would unmount it and mount
  // it again, its message frames reloading under the reader (seen as a vanished message in
  // the hostile e2e on a loaded machine, when the chunk arrived just after the open).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ConversationView = useMemo(() => Conversation.loaded() ?? Conversation.Lazy, [openThread]);
  const BulkBarView = BulkBar.loaded() ?? BulkBar.Lazy;
  // A message of the Drafts folder opens in the composer (compose/openDraft.ts), else the reader.
  const inDrafts = mailboxes?.find((m) => m.id === current)?.role === 'drafts';
  const open = (l: ThreadLine) =>
    inDrafts
      ? void import('../compose/openDraft.ts').then(
          async (m) => (await m.openServerDraft(accountId, l.emailId)) || setOpenThread(l.threadId),
        )
      : setOpenThread(l.threadId);
  useShellKeys({ lines, mailboxes, view, triage, selectMailbox, open, toggleHelp: () => setShowHelp((v) => !v) });

  return (
    <div className={`app ${openThread ? 'reading' : 'listing'}`}>
      <TopBar
        account={account}
        painted={painted}
        searchInput={searchInput}
        onSearchInput={setSearchInput}
        onHelp={() => setShowHelp(true)}
        onSettings={() => setShowSettings(true)}
      />
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
        {painted && !searchText && !!lines?.length && (
          <Suspense fallback={null}>
            <FolderActions.Lazy mailboxes={mailboxes} current={current} onEmptyTrash={() => triage.emptyTrash()} />
          </Suspense>
        )}
        {selected.size > 0 && (
          <Suspense fallback={null}>
            {/* The loaded component once there: React.lazy suspends on every first mount,
                and "v" focuses its Move to in the next frame (the toolbar appears with the key). */}
            <BulkBarView
              count={selected.size}
              mailboxes={mailboxes}
              current={current}
              triage={triage}
              onClear={() => setSelected(new Set())}
            />
          </Suspense>
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
            onOpen={open}
            onCursor={setCursor}
            onToggle={view.toggle}
            onNearEnd={more}
            atEnd={atEnd}
            notHere={notHere}
            endNote={
              painted && (
                <Suspense fallback={null}>
                  <EndOfList.Lazy accountId={accountId} />
                </Suspense>
              )
            }
            onSwipe={(l, d) => (d === 'left' ? triage.archive([l]) : triage.markRead(true, [l]))}
            rowActions={
              painted
                ? (line, slot) => (
                    <Suspense fallback={null}>
                      <RowActions.Lazy line={line} slot={slot} mailboxes={mailboxes} current={current} triage={triage} />
                    </Suspense>
                  )
                : undefined
            }
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
                archive: () => triage.archive(),
                trash: () => triage.trash(),
                spam: () => triage.spam(),
                toggleStar: () => triage.star(),
                markUnread: () => triage.markRead(false),
                back: () => setOpenThread(null),
                reply: (mode, emailId, asAttachment) => openCompose({ mode, emailId, ...(asAttachment ? { asAttachment } : {}) }),
                moveTo: (to) => triage.moveToFolder(to),
              }}
            />
          </Suspense>
        ) : (
          <p className="muted placeholder">Choose a conversation to read it.</p>
        )}
      </section>
      {painted && lines && (
        <Suspense fallback={null}>
          <OfflineTextMarks.Lazy accountId={accountId} lines={lines} onChange={setNotHere} />
        </Suspense>
      )}
      {painted && (
        <Suspense fallback={null}>
          <StatusBar.Lazy accountId={accountId} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        {(warm || composing) && <ComposeHost.Lazy account={account} />}
        {warm && <KeepIdentities.Lazy accountId={accountId} />}
        {warm && <SearchIndexer.Lazy accountId={accountId} />}
        {showSettings && <Settings.Lazy accountId={accountId} onClose={() => setShowSettings(false)} />}
      </Suspense>
      {/* Always in the page, so what it is given is announced. */}
      <div className="toast-region" role="status" aria-live="polite">
        {triage.toast && (
          <Suspense fallback={triage.toast.words}>
            <ToastView.Lazy key={triage.toast.id} toast={triage.toast} />
          </Suspense>
        )}
      </div>
      {painted && (
        <Suspense fallback={null}>
          <ShortcutsHelp.Lazy open={showHelp} onClose={() => setShowHelp(false)} />
        </Suspense>
      )}
    </div>
  );
}
