import { Suspense, useState } from 'react';
import type { AccountRow } from '../../store/index.ts';
import { ThreadList } from '../threads/ThreadList.tsx';
import type { ThreadLine } from '../threads/line.ts';
import { useThreadPages } from '../threads/useThreadPages.ts';
import { useNarrow } from './useNarrow.ts';
import { useOpenCompose } from '../compose/store.ts';
import {
  ComposeHost,
  EndOfList,
  KeepIdentities,
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
import { ReadingPane } from './ReadingPane.tsx';
import { ListTools, NavPane } from './panes.tsx';
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
      <NavPane accountId={accountId} painted={painted} mailboxes={mailboxes} current={current} onSelect={selectMailbox} />
      <main className="list-pane" aria-label={`${mailboxName} conversations`}>
        <h2 className="pane-title">{searchText ? `Search: ${searchText}` : mailboxName}</h2>
        <ListTools
          painted={painted}
          folderActions={!searchText && !!lines?.length}
          selected={selected.size}
          mailboxes={mailboxes}
          current={current}
          triage={triage}
          onClear={() => setSelected(new Set())}
        />
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
      <ReadingPane
        accountId={accountId}
        openThread={openThread}
        mailboxes={mailboxes}
        current={current}
        triage={triage}
        onBack={() => setOpenThread(null)}
      />
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
