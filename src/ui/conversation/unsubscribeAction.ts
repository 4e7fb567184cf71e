/**
 * What the Unsubscribe button does once the person confirmed (unsubscribe.ts chose how):
 * a one-click POST is an outbox intent (src/outbox unsubscribePass: once, offline too);
 * a mailto: is a normal send through the outbox, from the identity the list mail was
 * addressed to (or, on a server that lists identities without an address, the sign-in
 * name or the address given once, else the one address the mail came To); a link opens
 * in a new tab with no opener and no referrer. Then the list's mail (the same List-Id) in
 * the Inbox can be archived: found by the server's header search, or on this device in
 * the kept bodies when the server cannot be asked.
 */
import type { EmailAddress } from '../../jmap/index.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { DraftContent, Intent } from '../../outbox/index.ts';
import { keptIdentities, readSetting, sendingAddressOf } from '../../store/index.ts';
import type { EmailRecord, MailboxRecord } from '../../sync/index.ts';
import { ask } from '../bridge/ask.ts';
import { wakeOutbox } from '../bridge/mailSync.ts';
import { fromAddress, pickIdentity } from '../compose/from.ts';
import { actUndoable } from '../data/actions.ts';
import { mailDb } from '../data/db.ts';
import type { ListUnsubscribe } from './unsubscribe.ts';

/** The address a mailto: unsubscribe goes out from, and the identity; null when none is known. */
async function sender(accountId: string, email: EmailRecord): Promise<{ from: EmailAddress; identityId: string } | null> {
  const db = mailDb();
  const identities = (await readSetting(db, keptIdentities(accountId))) ?? [];
  const identity = pickIdentity(identities, [...(email.to ?? []), ...(email.cc ?? [])]);
  const credentials = await db.credentials.get(accountId);
  const username = credentials?.auth.kind === 'basic' ? credentials.auth.username : '';
  let address = '';
  if (identity) address = fromAddress(identity, username, await readSetting(db, sendingAddressOf(accountId, identity.id))).email;
  if (!address && email.to?.length === 1) address = email.to[0]!.email;
  if (!address.includes('@')) return null;
  return { from: { name: identity?.name || null, email: address }, identityId: identity?.id ?? '' };
}

/**
 * Does it; the words to show after. null when a mailto: has no address to go out from
 * (the caller opens the composer with it instead).
 */
export async function unsubscribe(accountId: string, email: EmailRecord, found: ListUnsubscribe): Promise<string | null> {
  const { choice, listName } = found;
  const online = navigator.onLine;
  let intent: Intent;
  switch (choice.kind) {
    case 'link':
      window.open(choice.url, '_blank', 'noopener,noreferrer');
      return `The list's page at ${choice.host} opened in a new tab: unsubscribe there.`;
    case 'post':
      intent = { kind: 'unsubscribe', url: choice.url, list: listName };
      break;
    case 'mailto': {
      const who = await sender(accountId, email);
      if (!who) return null;
      const content: DraftContent = {
        from: who.from,
        ...(who.identityId ? { identityId: who.identityId } : {}),
        to: choice.mail.to,
        cc: [],
        bcc: [],
        subject: choice.mail.subject || 'unsubscribe',
        textBody: choice.mail.body || 'unsubscribe',
        attachments: [],
      };
      intent = { kind: 'send', draftId: `unsubscribe-${crypto.randomUUID()}`, content, identityId: who.identityId, holdMs: 0 };
      break;
    }
  }
  await enqueue(mailDb(), accountId, intent);
  wakeOutbox(accountId);
  if (!online) return `You will be unsubscribed from ${listName} once you are back online.`;
  return choice.kind === 'post'
    ? `Unsubscribed from ${listName}: the request goes to ${choice.host}.`
    : `Unsubscribed from ${listName}: the unsubscribe email goes to ${choice.to}.`;
}

const roleOf = (mailboxes: readonly MailboxRecord[], role: string) => mailboxes.find((m) => m.role === role)?.id;

/** The list's messages in the Inbox (by List-Id): the server's search, else the bodies kept here. */
export async function listMailInInbox(accountId: string, listId: string, mailboxes: readonly MailboxRecord[]): Promise<string[]> {
  const inbox = roleOf(mailboxes, 'inbox');
  if (!inbox) return [];
  const ids = new Set<string>();
  try {
    const found = await ask(accountId, 'search', {
      filter: { inMailbox: inbox, header: ['List-Id', `<${listId}>`] },
      limit: 256,
      snippets: false,
    });
    for (const e of found.emails) ids.add(e.id);
  } catch {
    // Offline or refused: what this device keeps is searched instead.
  }
  const db = mailDb();
  await db.bodies
    .where('[accountId+emailId]')
    .between([accountId, ''], [accountId, '\uffff'])
    .each((b) => {
      if (b.headers.some((h) => h.name.toLowerCase() === 'list-id' && h.value.includes(`<${listId}>`))) ids.add(b.emailId);
    });
  const emails = await db.emails.bulkGet([...ids].map((id) => [accountId, id]));
  return emails.filter((e): e is EmailRecord => !!e && !!e.mailboxIds[inbox]).map((e) => e.id);
}

/** Archives them (undoable, as every archive), or null when the account has no Archive. */
export function archiveListMail(accountId: string, emailIds: string[], mailboxes: readonly MailboxRecord[]) {
  const inbox = roleOf(mailboxes, 'inbox');
  const archive = roleOf(mailboxes, 'archive');
  if (!inbox || !archive || !emailIds.length) return null;
  return actUndoable(accountId, { kind: 'move', emailIds, fromMailboxId: inbox, toMailboxId: archive });
}
