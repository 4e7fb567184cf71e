/**
 * Opening a message of the Drafts folder: in the composer, not the reader. The draft
 * kept on this device when it is this one (or has changes the server does not have yet),
 * else the server's draft made a kept one (serverDraft.ts), its text from the mirror or
 * asked of the host. False when its whole text cannot be had (offline, not on the
 * device): the shell opens it in the reader instead, so nothing of it is lost by an edit.
 */
import { readEmails } from '../../outbox/index.ts';
import { keptIdentities, readSetting } from '../../store/index.ts';
import { ask } from '../bridge/ask.ts';
import { mailDb } from '../data/db.ts';
import type { DraftRowContent } from './draft.ts';
import { draftFromServer, wholeDraft, type DraftBody } from './serverDraft.ts';
import { openCompose } from './store.ts';

/** The composer does not wait longer than this for the draft's text. */
const ASK_MS = 10_000;
const DRAFT_BODY_BYTES = 1_000_000;

async function fetched(accountId: string, emailId: string): Promise<DraftBody | null> {
  if (!navigator.onLine) return null;
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), ASK_MS));
  const asked = ask(accountId, 'body', { emailId, maxBodyValueBytes: DRAFT_BODY_BYTES }).catch(() => null);
  return Promise.race([asked, late]);
}

export async function openServerDraft(accountId: string, emailId: string): Promise<boolean> {
  const db = mailDb();
  const [email] = await readEmails(db, accountId, [emailId]);
  if (!email) return false;
  const messageId = email.messageId?.[0];
  const kept = (await db.drafts
    .where('[accountId+updatedAt]')
    .between([accountId, -Infinity], [accountId, Infinity])
    .toArray()) as unknown as DraftRowContent[];
  const mine = kept.find(
    (r) => r.serverId === emailId || r.content.serverDraftId === emailId || (!!messageId && r.content.draftMessageId === messageId),
  );
  // The same copy, or changes made here the server has not had yet: this device's draft.
  const changedHere = !!mine && (mine.landedAt === undefined || mine.updatedAt > mine.landedAt);
  if (mine && (mine.serverId === emailId || changedHere)) {
    openCompose({ mode: 'new', draftId: mine.id });
    return true;
  }
  const inMirror = await db.bodies.get([accountId, emailId]);
  const body = inMirror && wholeDraft(inMirror) ? inMirror : await fetched(accountId, emailId);
  if (!body || !wholeDraft(body)) return false;
  const identities = (await readSetting(db, keptIdentities(accountId))) ?? [];
  const now = Date.now();
  // Another device's newer version of a draft kept here unchanged: the same row, its text.
  const row = draftFromServer(email, body, { id: mine?.id ?? crypto.randomUUID(), accountId, updatedAt: now }, identities);
  await db.drafts.put({ ...row, serverId: emailId, landedAt: now, seenOnServer: true });
  openCompose({ mode: 'new', draftId: row.id });
  return true;
}
