/**
 * Id aliases: a folder made on this device is named by its local id until the server makes
 * it; then the local id -> server id is kept (a settings row), queued intents and overlays
 * are rewritten to the server's id, and later reads of the local id follow it.
 */
import { idAlias, readSetting, writeSetting, type MailDb } from '../store/index.ts';
import { mailboxIdsOf, withMailboxIds } from './intents.ts';
import { accountItems, accountOverlays, items, overlays } from './tables.ts';

/**
 * The server's id for a folder made on this device, once the server made it (an account
 * setting, `idAlias` in src/store/settings.ts). A screen still holding the local id (the
 * folder someone just made and opened) follows it; the rows go when the account is signed out.
 */
export const serverIdOf = (db: MailDb, accountId: string, localId: string): Promise<string | null> =>
  readSetting(db, idAlias(accountId, localId));

/** A folder made offline got its server id: later intents and overlays use it. */
export async function mapLocalId(db: MailDb, accountId: string, localId: string, serverId: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.overlays, db.settings], async () => {
    await writeSetting(db, idAlias(accountId, localId), serverId);
    for (const item of await accountItems(db, accountId)) {
      if (!mailboxIdsOf(item.intent).includes(localId)) continue;
      await items(db).update(item.id, { intent: withMailboxIds(item.intent, (id) => (id === localId ? serverId : id)) });
    }
    for (const o of await accountOverlays(db, accountId)) {
      if (o.type === 'Mailbox') {
        // The folder's own overlays follow it to the server's id: once the mirror has that
        // folder, the local one must not show beside it (two rows of the same folder
        // while the accepted overlay waits for the next sync; seen in the folders e2e on a
        // loaded machine). A rename or move of it, or a folder made inside it, follows too.
        const to = (id: string | null | undefined) => (id === localId ? serverId : id);
        const patch = {
          ...o.patch,
          ...(o.patch.parentId !== undefined ? { parentId: to(o.patch.parentId) ?? null } : {}),
          ...(o.patch.created ? { created: { ...o.patch.created, parentId: to(o.patch.created.parentId) ?? null } } : {}),
        };
        if (o.objectId !== localId && JSON.stringify(patch) === JSON.stringify(o.patch)) continue;
        await overlays(db).update(o.id, { objectId: to(o.objectId)!, patch });
        continue;
      }
      if (o.type !== 'Email' || !o.patch.mailboxIds?.[localId]) continue;
      const next = { ...o.patch.mailboxIds };
      delete next[localId];
      next[serverId] = true;
      await overlays(db).update(o.id, { patch: { ...o.patch, mailboxIds: next } });
    }
  });
}
