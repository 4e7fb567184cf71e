/**
 * The installed app as a share target (the manifest's share_target): the system POSTs
 * what was shared (title, text, url, files) to /share, and the worker answers it, with
 * no network needed. The files are kept on the device as unsent attachments and a draft
 * names them, so they stay until the message is sent or discarded; the page then opens
 * that draft (/?draft=<id>, compose/launch.ts in src/ui).
 */
import { putOutgoingBlob, type DraftContent } from '../outbox/index.ts';
import { UNCLAIMED, type MailDb } from '../store/index.ts';

export const SHARE_PATH = '/share';

/**
 * Keeps what was shared as a new draft of the first account, and returns its id. With
 * nobody signed in it is kept for no account yet (UNCLAIMED) and the page opens on the
 * sign-in form with the draft named in its address: the sign-in makes it the new
 * account's (src/store keepSignIn), and the draft opens, nothing lost.
 */
export async function keepShare(db: MailDb, form: FormData): Promise<string> {
  const first = (await db.accounts.toArray()).sort((a, b) => a.addedAt - b.addedAt)[0];
  const account = first ?? { id: UNCLAIMED, name: '' };
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const [title, text, url] = [field('title'), field('text'), field('url')];
  // Some systems put the link into the text as well: say it once.
  const body = [text, url && !text.includes(url) ? url : ''].filter(Boolean).join('\n\n');
  const attachments: DraftContent['attachments'] = [];
  const lost: string[] = [];
  for (const file of form.getAll('files')) {
    if (typeof file === 'string' || file.size === 0) continue;
    const name = file.name || 'shared';
    try {
      const outgoingBlobId = await putOutgoingBlob(db, file, { accountId: account.id, name, type: file.type });
      attachments.push({ outgoingBlobId, name, type: file.type || 'application/octet-stream', size: file.size });
    } catch (error) {
      // A full disk: the draft still opens, and says which files it could not keep.
      lost.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const note = lost.length ? `\n\n[Not attached, this device could not keep: ${lost.join(', ')}]` : '';
  const fromEmail = account.name.includes('@') ? account.name : '';
  const content: DraftContent = {
    from: { name: null, email: fromEmail },
    to: [],
    cc: [],
    bcc: [],
    subject: title.replace(/[\r\n]+/g, ' '),
    textBody: body + note,
    attachments,
  };
  const id = crypto.randomUUID();
  await db.drafts.put({ id, accountId: account.id, updatedAt: Date.now(), content, rich: false });
  return id;
}
