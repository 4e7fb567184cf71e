import { useEffect, useState } from 'react';
import { startRead } from '../data/startRead.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { roleOf } from './offered.ts';
import { chrome } from './parts.ts';

/** The account's folders (live) and the one shown: chosen, else the Inbox, else the first. */
export function useFolder(accountId: string) {
  const mailboxes = useLiveQuery(
    (m) => m.readMailboxes(m.mailDb(), accountId),
    [accountId],
    () => (startRead()?.accounts[0]?.id === accountId ? startRead()?.mailboxes : undefined),
  );
  const [mailboxId, setMailboxId] = useState<string | undefined>();
  // A folder made here and opened at once is known by its local id until the server
  // makes it; then the screen follows it to the server's id instead of losing it.
  useEffect(() => {
    if (!mailboxId || !mailboxes || mailboxes.some((m) => m.id === mailboxId)) return;
    let live = true;
    void chrome().then(async ({ serverIdOf, mailDb }) => {
      const id = await serverIdOf(mailDb(), accountId, mailboxId);
      if (live && id) setMailboxId(id);
    });
    return () => {
      live = false;
    };
  }, [accountId, mailboxId, mailboxes]);
  const current = mailboxId ?? roleOf(mailboxes, 'inbox') ?? mailboxes?.[0]?.id;
  const mailboxName = mailboxes?.find((m) => m.id === current)?.name ?? 'Mail';
  return { mailboxes, current, mailboxName, setMailboxId };
}
