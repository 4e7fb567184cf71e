import { offlineLeftOut, readSetting } from '../../store/settings.ts';
import { readSyncSettings } from '../../store/syncSettings.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { notOnDeviceWords, whyNotOnDevice, type Reach } from './notOnDevice.ts';

/** Why the message's text is not here, and what happens next (notOnDevice.ts), with the offline choice as stored. */
export function NotOnDevice(props: { email: EmailRecord; reach: Reach | null }) {
  const accountId = props.email.accountId;
  const choice = useLiveQuery(async () => {
    const [sync, leftOut] = await Promise.all([readSyncSettings(mailDb()), readSetting(mailDb(), offlineLeftOut(accountId))]);
    return { windowDays: sync.offlineWindowDays, leftOut };
  }, [accountId]);
  const facts = {
    receivedMs: props.email.receivedMs,
    mailboxIds: Object.keys(props.email.mailboxIds),
    now: Date.now(),
    windowDays: choice?.windowDays ?? null,
    leftOut: choice?.leftOut ?? [],
  };
  return (
    <p className="notice-inline not-on-device" role="status">
      {props.reach
        ? notOnDeviceWords({ ...facts, reach: props.reach })
        : `Still asking the mail server for this message. It is not on this device yet: it ${whyNotOnDevice(facts)}.`}
    </p>
  );
}
