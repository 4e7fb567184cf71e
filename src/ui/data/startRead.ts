/**
 * The start path's one read of the mirror: the signed-in account, its folders, the
 * first page of its Inbox, the theme and the density, in ONE read-only transaction begun
 * before the app's code is even evaluated (the raw first read, startEarly.ts; main.tsx
 * waits for it, briefly, before the first render). The first render takes its answers as
 * peeks (useLiveQuery's `peek`, ThreadPages' first page), so the rows are in the very
 * first commit instead of after three rounds of reads and renders (accounts, then
 * folders, then the page); the live queries take over right after, with Dexie, loaded
 * meanwhile (loadMirror.ts). When the raw read cannot answer (actions pending, rows of an
 * older schema, no database), the same read goes through Dexie (startReadDexie.ts).
 *
 * Answers older than FRESH_MS are not used: a folder opened again later reads live.
 */
import type { MailboxRecord } from '../../sync/index.ts';
import type { AccountRow } from '../../store/index.ts';
import { DENSITY, THEME, type Density, type Theme } from '../../store/setting.ts';
import { applyDensity, applyTheme } from '../shell/applyTheme.ts';
import type { FirstRead } from '../../store/firstRead.ts';
import { pageRow, type PageRow } from '../threads/pageState.ts';
import { loadMirror } from './loadMirror.ts';

const FRESH_MS = 3_000;

export interface StartRead {
  accounts: AccountRow[];
  /** Put on the document as soon as it is read: the first rows paint in the right colours. */
  theme: Theme;
  density: Density;
  /** The first account's folders and the page its list opens on (absent when signed out). */
  mailboxes?: MailboxRecord[];
  mailboxId?: string;
  rows?: PageRow[];
}

let answer: { at: number; value: StartRead } | null = null;
let pending: Promise<StartRead> | null = null;

/** The raw first read's answer as the start read's, when it holds what the first screen needs. */
function fromFirst(raw: FirstRead): StartRead | null {
  if (raw.accounts.length > 0 && !raw.folders) return null;
  const setting = <T>(s: { key: string; legacyKey?: string; decode(v: unknown): T }) =>
    s.decode(raw.settings[s.key] ?? (s.legacyKey ? raw.settings[s.legacyKey] : undefined));
  const base = { accounts: raw.accounts, theme: setting(THEME), density: setting(DENSITY) };
  if (!raw.folders) return base;
  const { mailboxes, mailboxId, rows } = raw.folders;
  return { ...base, mailboxes, mailboxId, rows: rows.map(pageRow) };
}

/**
 * Starts the read (once); resolves with its answer: the raw first read's (startEarly.ts)
 * in the common case, else one read of the store through Dexie.
 */
export function beginStartRead(first: Promise<FirstRead | null> = Promise.resolve(null)): Promise<StartRead> {
  pending ??= first
    .then((raw) => (raw && fromFirst(raw)) ?? loadMirror().then((m) => m.readStartThroughDexie()))
    .then((value) => {
      applyTheme(value.theme);
      applyDensity(value.density);
      answer = { at: Date.now(), value };
      return value;
    });
  return pending;
}

/** The start read's answer, if it is in and fresh. */
export function startRead(): StartRead | undefined {
  return answer && Date.now() - answer.at < FRESH_MS ? answer.value : undefined;
}
