/**
 * Scheduled: mail held to send later. The server's held submissions (asked through the
 * host: they are not mirrored) with their time, Cancel (back to Drafts) and Edit (cancel,
 * then the composer); and sends scheduled here that have not reached the server yet (the
 * outbox holds them, offline too). A cancel is an outbox intent, so it also waits for the
 * network; the line says so meanwhile.
 */
import { useEffect, useState } from 'react';
import { enqueue, outboxItems, readEmails, type ScheduledMail } from '../../outbox/index.ts';
import { ask } from '../bridge/ask.ts';
import { syncNow, wakeOutbox } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

const REFRESH_MS = 10_000;

function when(t: string | number): string {
  return new Date(t).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The server's list, asked again every few seconds while shown and after each change here. */
function useServerScheduled(accountId: string, changes: number): { list: ScheduledMail[] | null; problem: string | null } {
  const [state, setState] = useState<{ list: ScheduledMail[] | null; problem: string | null }>({ list: null, problem: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      ask(accountId, 'scheduled', {}).then(
        ({ scheduled, why }) =>
          live && setState({ list: scheduled ?? [], problem: scheduled ? null : (why ?? 'This server does not list scheduled mail.') }),
        () => live && setState((s) => ({ ...s, problem: 'The mail server cannot be asked now, so its scheduled mail is not listed.' })),
      );
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [accountId, changes]);
  return state;
}

export function Scheduled({ accountId }: { accountId: string }) {
  const db = mailDb();
  const queued = useLiveQuery(() => outboxItems(db, accountId), [accountId]) ?? [];
  const [changes, setChanges] = useState(0);
  const [words, setWords] = useState<string | null>(null);
  const server = useServerScheduled(accountId, changes + queued.length);
  const canceling = new Map(
    queued.flatMap((i) => (i.intent.kind === 'cancelScheduled' ? [[i.intent.submissionId, i.intent.subject] as const] : [])),
  );
  const notYet = queued.flatMap((i) =>
    i.intent.kind === 'send' && i.intent.sendAt ? [{ id: i.id, intent: i.intent, sendAt: i.intent.sendAt }] : [],
  );

  const cancel = async (m: ScheduledMail): Promise<string> => {
    const id = await enqueue(db, accountId, {
      kind: 'cancelScheduled',
      submissionId: m.submissionId,
      emailId: m.emailId,
      subject: m.subject,
    });
    wakeOutbox(accountId);
    setChanges((n) => n + 1);
    return id;
  };
  const edit = async (m: ScheduledMail) => {
    const id = await cancel(m);
    setWords(`Canceling “${m.subject || '(no subject)'}” to open it…`);
    // The composer opens it once the server has it back as a draft (the cancel landed) and
    // this device's mirror has the message (a sync asked now: Cyrus pushes nothing).
    const until = async (ready: () => Promise<boolean>, ms: number) => {
      const end = Date.now() + ms;
      while (!(await ready()) && Date.now() < end) await new Promise((r) => setTimeout(r, 300));
      return ready();
    };
    const landed = await until(async () => !(await db.outbox.get(id)), 20_000);
    syncNow(accountId);
    const mirrored = landed && (await until(async () => (await readEmails(db, accountId, [m.emailId])).some(Boolean), 30_000));
    const opened = mirrored && (await (await import('../compose/openDraft.ts')).openServerDraft(accountId, m.emailId));
    setWords(
      opened ? null : `“${m.subject || '(no subject)'}” will be back in Drafts once the server has the cancel: open it there to edit.`,
    );
  };

  const list = (server.list ?? []).filter((m) => !canceling.has(m.submissionId));
  return (
    <section className="outbox scheduled" aria-label="Scheduled">
      {server.problem && <p>{server.problem}</p>}
      {words && <p role="status">{words}</p>}
      {list.length === 0 && notYet.length === 0 && canceling.size === 0 && !server.problem && (
        <p>{server.list ? 'Nothing scheduled.' : 'Asking the server…'}</p>
      )}
      <ul>
        {notYet.map((q) => (
          <li key={q.id}>
            “{q.intent.content.subject || '(no subject)'}” for <time dateTime={new Date(q.sendAt).toISOString()}>{when(q.sendAt)}</time> —{' '}
            <strong>waits to reach the server</strong> <span className="muted">(Outbox)</span>
          </li>
        ))}
        {[...canceling].map(([id, subject]) => (
          <li key={id}>
            “{subject || '(no subject)'}” — <strong>canceling</strong> (goes back to Drafts)
          </li>
        ))}
        {list.map((m) => (
          <li key={m.submissionId}>
            “{m.subject || '(no subject)'}” to {m.to.map((a) => a.email).join(', ')} — <time dateTime={m.sendAt}>{when(m.sendAt)}</time>{' '}
            <button type="button" onClick={() => void cancel(m)}>
              Cancel
            </button>{' '}
            <button type="button" onClick={() => void edit(m)}>
              Edit
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
