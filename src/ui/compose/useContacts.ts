/**
 * The ranked contacts of one account (contacts.ts), built from the mirror once and again
 * only after the mirror's mail changed (its Email state), lazily: when the person next
 * goes into a recipient field. A key filters this table, it never reads the mail. Kept
 * per account for the page's life, so the next composer has them at once; while a new
 * table is built the old one answers.
 */
import { useEffect, useRef, useState } from 'react';
import type { AccountRow, MailDb } from '../../store/index.ts';
import { listMailboxes } from '../../store/reads.ts';
import { scanAccount } from '../../store/scan.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { ContactRanker, type Contact } from './contacts.ts';
import { ownAddresses } from './own.ts';

const built = new Map<string, { version: string; table: Promise<Contact[]> }>();

export async function buildContacts(db: MailDb, account: Pick<AccountRow, 'id' | 'name' | 'username'>): Promise<Contact[]> {
  const sent = (await listMailboxes(db, account.id)).filter((m) => m.role === 'sent').map((m) => m.id);
  const own = await ownAddresses(db, account.id, [account.name, account.username]);
  const ranker = new ContactRanker(new Set(sent), new Set(own.map((a) => a.toLowerCase())), Date.now());
  // Read in pages (scan.ts), each folded into the tallies and dropped: no copy of the mail is kept.
  await scanAccount(db.emails, account.id, (mail) => (ranker.add(mail), false));
  return ranker.table();
}

function tableFor(db: MailDb, account: AccountRow, version: string): Promise<Contact[]> {
  const kept = built.get(account.id);
  if (kept?.version === version) return kept.table;
  const table = buildContacts(db, account);
  built.set(account.id, { version, table });
  table.catch(() => built.delete(account.id));
  return table;
}

/**
 * `asked` counts the times the person went into a recipient field (0: not yet). The table
 * is (re)built on such a visit when the mirror changed since it was built, never while
 * the person types: a sync landing mid-word does not start a scan of the mail.
 */
export function useContacts(account: AccountRow, asked: number): readonly Contact[] {
  const db = mailDb();
  const version = useLiveQuery(async () => (await db.states.get([account.id, 'Email']))?.state ?? '', [account.id]);
  const [table, setTable] = useState<readonly Contact[]>([]);
  const seen = useRef(0);
  useEffect(() => {
    if (!asked || version === undefined) return;
    const visit = asked !== seen.current;
    seen.current = asked;
    const kept = built.get(account.id);
    let live = true;
    let fresh = false;
    // What there is answers at once (and while a newer table is built).
    if (kept)
      void kept.table.then(
        (t) => live && !fresh && setTable(t),
        () => undefined,
      );
    if (!kept || (visit && kept.version !== version))
      tableFor(db, account, version).then(
        (t) => {
          fresh = true;
          if (live) setTable(t);
        },
        (e: unknown) => console.error('The address suggestions could not be read', e),
      );
    return () => {
      live = false;
    };
  }, [db, account, asked, version]);
  return table;
}
