import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { OfflineSettings } from './OfflineSettings.tsx';
import { Appearance } from './Appearance.tsx';
import type { Identity, VacationResponse } from '../../jmap/index.ts';
import { readPendingSettings } from '../../outbox/index.ts';
import { readSetting, signatureOf } from '../../store/index.ts';
import { changeIdentity, changeVacation } from '../data/actions.ts';
import { mailDb } from '../data/db.ts';
import { ask, HostRequestError } from '../bridge/ask.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useIdentities } from '../compose/identities.ts';
import { notificationsOn, pushMode, turnNotificationsOff, turnNotificationsOn, type PushMode } from '../bridge/webPush.ts';

/** Theme and density, identities and signatures, vacation response, what is kept offline and how much room it takes. */
export default function Settings({ accountId, onClose }: { accountId: string; onClose(): void }) {
  // A modal <dialog>: the browser keeps focus inside, Escape closes it, and focus goes
  // back to the Settings button afterwards.
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  return (
    <dialog ref={dialog} className="settings" aria-labelledby="settings-title" onClose={onClose}>
      <header className="compose-head">
        <h2 id="settings-title">Settings</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <Appearance />
      <Identities accountId={accountId} />
      <Vacation accountId={accountId} />
      <Notifications accountId={accountId} />
      <OfflineSettings accountId={accountId} />
    </dialog>
  );
}

/** The server or account does not offer it (no capability, unknown method). */
function notOffered(error: Error): boolean {
  return error instanceof HostRequestError && error.kind === 'notSupported';
}

/** Cyrus 3.6 gives its one identity neither name nor address: say whose it is anyway. */
function identityLabel(identity: Identity, fallback: string): string {
  return identity.email || identity.name || fallback;
}

function Identities({ accountId }: { accountId: string }) {
  const identities = useIdentities(accountId);
  const account = useLiveQuery(() => mailDb().accounts.get(accountId), [accountId]);
  const [status, setStatus] = useState<string | null>(null);
  if (identities.isPending) return <p className="muted">Loading your identities…</p>;
  if (identities.error) return <p className="error">Your identities could not be loaded: {identities.error.message}</p>;
  return (
    <section aria-labelledby="identities-title">
      <h3 id="identities-title">Identities and signatures</h3>
      {identities.data.length === 0 && <p>This account cannot send mail from this app, so it has no identity or signature to set.</p>}
      {identities.data.map((i) => (
        <IdentityForm
          key={i.id}
          accountId={accountId}
          identity={i}
          label={identityLabel(i, account?.username ?? 'this account')}
          onSaved={setStatus}
        />
      ))}
      {status && <p role="status">{status}</p>}
    </section>
  );
}

function IdentityForm({
  accountId,
  identity,
  label,
  onSaved,
}: {
  accountId: string;
  identity: Identity;
  label: string;
  onSaved(text: string): void;
}) {
  const kept = useLiveQuery(() => readSetting(mailDb(), signatureOf(accountId, identity.id)), [accountId, identity.id]);
  const [signature, setSignature] = useState<string | null>(null);
  const value = signature ?? kept ?? identity.textSignature ?? '';
  const save = async () => {
    // Kept on this device for compose at once (offline too); the outbox takes it to the
    // server, and says so in the outbox's notices if the server cannot keep it.
    await changeIdentity(accountId, identity.id, { textSignature: value });
    setSignature(null);
    onSaved(`Signature for ${label} kept on this device; it goes to the server when it can be reached.`);
  };
  return (
    <form className="identity" onSubmit={(e) => (e.preventDefault(), void save())}>
      <p>
        <strong>{identity.name || label}</strong>
        {identity.email && identity.name ? ` <${identity.email}>` : ''}
      </p>
      <label>
        Signature
        <textarea rows={3} value={value} onChange={(e) => setSignature(e.target.value)} />
      </label>
      <button type="submit">Save signature</button>
    </form>
  );
}

const NO_VACATION: VacationResponse = {
  id: 'singleton',
  isEnabled: false,
  fromDate: null,
  toDate: null,
  subject: null,
  textBody: null,
  htmlBody: null,
};

function Vacation({ accountId }: { accountId: string }) {
  const queries = useQueryClient();
  const vacation = useQuery({
    queryKey: ['vacation', accountId],
    retry: false,
    queryFn: async (): Promise<VacationResponse> => (await ask(accountId, 'vacation', {})).vacation,
  });
  const [draft, setDraft] = useState<Partial<VacationResponse>>({});
  const [status, setStatus] = useState<string | null>(null);
  // A change saved here shows until the server has it (offline, after a reload); once the
  // server took it, its copy is read again.
  const pending = useLiveQuery(() => readPendingSettings(mailDb(), accountId), [accountId]);
  const accepted = pending?.vacationAccepted === true;
  useEffect(() => {
    if (accepted) void queries.invalidateQueries({ queryKey: ['vacation', accountId] });
  }, [accepted, accountId, queries]);
  const waiting = pending?.vacation;
  if (vacation.isPending && !waiting) return <p className="muted">Loading the vacation response…</p>;
  if (vacation.error && !waiting) {
    return (
      <section aria-labelledby="vacation-title">
        <h3 id="vacation-title">Vacation response</h3>
        {/* Cyrus 3.6 advertises the capability but drops the connection on VacationResponse/get
            (the app server's proxy then answers 502): to a person, that is "not available". */}
        <p>Not available on this server.</p>
        {!notOffered(vacation.error) && <p className="muted small">What happened: {vacation.error.message}</p>}
      </section>
    );
  }
  const v = { ...NO_VACATION, ...vacation.data, ...waiting, ...draft };
  const save = async () => {
    await changeVacation(accountId, {
      isEnabled: v.isEnabled,
      subject: v.subject,
      textBody: v.textBody,
      fromDate: v.fromDate,
      toDate: v.toDate,
    });
    setDraft({});
    setStatus('Vacation response kept on this device; it goes to the server when it can be reached.');
  };
  return (
    <form aria-labelledby="vacation-title" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h3 id="vacation-title">Vacation response</h3>
      <label className="inline">
        <input type="checkbox" checked={v.isEnabled} onChange={(e) => setDraft({ ...draft, isEnabled: e.target.checked })} /> Answer mail
        automatically
      </label>
      <label>
        Subject
        <input value={v.subject ?? ''} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
      </label>
      <label>
        Message
        <textarea rows={3} value={v.textBody ?? ''} onChange={(e) => setDraft({ ...draft, textBody: e.target.value })} />
      </label>
      <button type="submit">Save vacation response</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}

/**
 * New-mail notifications: a switch (the permission is asked on its click, never on load),
 * and in words what brings new mail: Web Push from the server, or what is used instead.
 */
function Notifications({ accountId }: { accountId: string }) {
  const db = mailDb();
  const on = useLiveQuery(() => notificationsOn(db), []);
  const [mode, setMode] = useState<PushMode | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void pushMode(accountId).then((m) => live && setMode(m));
    return () => {
      live = false;
    };
  }, [accountId]);
  const toggle = async (want: boolean) => {
    setBusy(true);
    setStatus(null);
    try {
      if (want) {
        const m = await turnNotificationsOn(db, accountId);
        setMode(m);
        setStatus(m.kind === 'push' ? 'Notifications are on: new mail reaches you with the app closed.' : m.why);
      } else {
        await turnNotificationsOff(db, accountId);
        setStatus('Notifications are off.');
      }
    } catch (error) {
      setStatus(`Notifications could not be turned ${want ? 'on' : 'off'}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="notifications-title">
      <h3 id="notifications-title">Notifications</h3>
      <label>
        <input
          type="checkbox"
          role="switch"
          checked={on ?? false}
          disabled={busy || on === undefined}
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        Notify me of new mail in the Inbox
      </label>
      {mode && (
        <p className="muted">
          {mode.kind === 'push' ? 'This mail server sends Web Push: new mail reaches you with the app closed.' : mode.why}
        </p>
      )}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
