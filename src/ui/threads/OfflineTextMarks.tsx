/**
 * While offline, which list lines' text is not on this device (the newest message's body
 * is not in the mirror): handed to the list (`notHere`), which marks those rows. Comes
 * with the chrome (shell/chrome.ts), so the first rows carry none of it; online it reads
 * nothing and marks nothing.
 */
import { useEffect } from 'react';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useOnline } from '../data/useOnline.ts';
import type { ThreadLine } from './line.ts';

const NONE: ReadonlySet<string> = new Set();

async function withoutText(accountId: string, lines: readonly ThreadLine[]): Promise<ReadonlySet<string>> {
  const keys = await mailDb()
    .bodies.where(':id')
    .anyOf(lines.map((l) => [accountId, l.emailId]))
    .primaryKeys();
  const kept = new Set(keys.map((k) => (k as unknown as [string, string])[1]));
  return new Set(lines.filter((l) => !kept.has(l.emailId)).map((l) => l.threadId));
}

export function OfflineTextMarks(props: { accountId: string; lines: readonly ThreadLine[]; onChange(notHere: ReadonlySet<string>): void }) {
  const { accountId, lines, onChange } = props;
  const online = useOnline();
  const ids = lines.map((l) => l.emailId).join();
  const notHere = useLiveQuery(async () => (online ? NONE : withoutText(accountId, lines)), [accountId, online, ids]);
  useEffect(() => onChange(notHere ?? NONE), [notHere, onChange]);
  return null;
}
