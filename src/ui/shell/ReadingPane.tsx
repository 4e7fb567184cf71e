import { Suspense, useMemo } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { openCompose } from '../compose/store.ts';
import { Conversation } from './parts.ts';
import type { Triage } from './useTriage.ts';

interface ReadingPaneProps {
  accountId: string;
  openThread: string | null;
  mailboxes: MailboxRecord[] | undefined;
  current: string | undefined;
  triage: Triage;
  onBack(): void;
}

/** The conversation pane: the open conversation (a later part) with the triage's actions, or a hint. */
export function ReadingPane({ accountId, openThread, mailboxes, current, triage, onBack }: ReadingPaneProps) {
  // Chosen once per opened conversation: the loaded component when warm (no Suspense, the
  // frame of the click), else the lazy one. Switching from one to the other while the same
  // conversation is open would be a new component type: React would unmount it and mount
  // it again, its message frames reloading under the reader (seen as a vanished message in
  // the hostile e2e on a loaded machine, when the chunk arrived just after the open).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ConversationView = useMemo(() => Conversation.loaded() ?? Conversation.Lazy, [openThread]);
  return (
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
              back: onBack,
              reply: (mode, emailId, asAttachment) => openCompose({ mode, emailId, ...(asAttachment ? { asAttachment } : {}) }),
              moveTo: (to) => triage.moveToFolder(to),
            }}
          />
        </Suspense>
      ) : (
        <p className="muted placeholder">Choose a conversation to read it.</p>
      )}
    </section>
  );
}
