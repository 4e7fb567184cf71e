import { useEffect, useState } from 'react';
import { identitiesReadAt, readSetting } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { useIdentities } from './identities.ts';

/** How old the kept identities may be before a load reads them from the server again. */
const IDENTITIES_FRESH_MS = 24 * 3600_000;

/**
 * Keeps the account's identities on the device, so mail written offline has a sender.
 * Mounted by the shell once it is idle after the first rows. A load asks the server only
 * when the kept copy is missing or a day old: identities rarely change, compose and
 * Settings read them afresh when opened, and an unchanged reload costs one JMAP request
 * (issue 11), the sync's.
 */
export default function KeepIdentities({ accountId }: { accountId: string }) {
  const [due, setDue] = useState(false);
  useEffect(() => {
    let live = true;
    void readSetting(mailDb(), identitiesReadAt(accountId)).then((at) => {
      if (live) setDue(at === null || Date.now() - at > IDENTITIES_FRESH_MS);
    });
    return () => {
      live = false;
    };
  }, [accountId]);
  useIdentities(accountId, { enabled: due });
  return null;
}
