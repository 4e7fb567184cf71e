/**
 * The message a reply or forward starts from: its row from the mirror, and its body
 * whole (text, attachments, Reply-To, References): the mirror's copy when it holds the
 * whole text, else asked of the host (bridge/ask.ts). Offline, or when the host cannot
 * answer in time, what the device has, marked partial.
 */
import { readEmails } from '../../outbox/index.ts';
import type { MailDb } from '../../store/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { ask } from '../bridge/ask.ts';
import { originalText, wholeText, type OriginalBody, type OriginalText } from './quote.ts';

/** Longest text asked of the server for a quote (a longer one is quoted partial). */
const QUOTE_BODY_BYTES = 1_000_000;
/** A compose window does not wait longer than this for the original's text. */
const ASK_MS = 10_000;

export interface Original {
  email: EmailRecord;
  body: OriginalBody | null;
  text: OriginalText;
}

async function fetched(accountId: string, emailId: string): Promise<OriginalBody | null> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return null;
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), ASK_MS));
  const asked = ask(accountId, 'body', { emailId, maxBodyValueBytes: QUOTE_BODY_BYTES }).catch(() => null);
  return Promise.race([asked, late]);
}

export async function readOriginal(db: MailDb, accountId: string, emailId: string): Promise<Original | null> {
  const [email] = await readEmails(db, accountId, [emailId]);
  if (!email) return null;
  const kept = (await db.bodies.get([accountId, emailId])) ?? null;
  const body = kept && wholeText(kept) ? kept : ((await fetched(accountId, emailId)) ?? kept);
  return { email, body, text: originalText(body, email.preview) };
}
