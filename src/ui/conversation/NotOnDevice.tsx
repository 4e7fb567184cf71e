import { readSyncSettings } from '../../store/syncSettings.ts';
import { DEFAULT_SYNC_OPTIONS } from '../../sync/context.ts';
import type { EmailRecord, MailboxRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { notOnDeviceWords, whyNotOnDevice, type Reach } from './notOnDevice.ts';

const rolesOf = (email: EmailRecord, mailboxes: readonly MailboxRecord[]) =>
  Object.keys(email.mailboxIds).map((id) => mailboxes.find((m) => m.id === id)?.role ?? null);

/** Why the message's text is not here, and what happens next (notOnDevice.ts), with the offline choice as stored. */
export function NotOnDevice(props: { email: EmailRecord; mailboxes: readonly MailboxRecord[]; reach: Reach | null }) {
  const sync = useLiveQuery(() => readSyncSettings(mailDb()), []);
  const facts = {
    receivedMs: props.email.receivedMs,
    roles: rolesOf(props.email, props.mailboxes),
    now: Date.now(),
    windowDays: sync?.offlineWindowDays ?? DEFAULT_SYNC_OPTIONS.offlineWindowDays,
    offlineRoles: DEFAULT_SYNC_OPTIONS.offlineRoles,
  };
  return (
    <p className="notice-inline not-on-device" role="status">
      {props.reach
        ? notOnDeviceWords({ ...facts, reach: props.reach })
        : `Still asking the mail server for this message. It is not on this device yet: it ${whyNotOnDevice(facts)}.`}
    </p>
  );
}
