/** Typed access to the store's outbox tables (src/store reserves them; rows are defined here). */
import type { Table } from 'dexie';
import type { MailDb } from '../store/index.ts';
import type { Notice, OutboxItem, OverlayRow } from './intents.ts';

export const items = (db: MailDb) => db.outbox as unknown as Table<OutboxItem, string>;
export const overlays = (db: MailDb) => db.overlays as unknown as Table<OverlayRow, string>;
export const notices = (db: MailDb) => db.notices as unknown as Table<Notice, string>;

export async function accountOverlays(db: MailDb, accountId: string): Promise<OverlayRow[]> {
  return overlays(db).where('[accountId+objectId]').between([accountId, ''], [accountId, '\uffff']).toArray();
}

export async function overlaysFor(db: MailDb, accountId: string, objectIds: readonly string[]): Promise<OverlayRow[]> {
  if (objectIds.length === 0) return [];
  return overlays(db)
    .where('[accountId+objectId]')
    .anyOf(objectIds.map((id) => [accountId, id]))
    .toArray();
}

export async function accountItems(db: MailDb, accountId: string): Promise<OutboxItem[]> {
  return items(db).where('[accountId+createdAt]').between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER]).toArray();
}

export async function addNotice(db: MailDb, accountId: string, text: string): Promise<void> {
  await notices(db).put({ id: crypto.randomUUID(), accountId, createdAt: Date.now(), text });
}

/**
 * Settings key recording that a folder made on this device (its local id) now has the
 * server's id. A screen still holding the local id (the folder someone just made and
 * opened) follows it with `serverIdOf`; the rows go when the account is signed out.
 */
export const idAliasKey = (accountId: string, localId: string) => `idAlias:${accountId}:${localId}`;

/** The server's id for a folder made on this device, once the server made it. */
export async function serverIdOf(db: MailDb, accountId: string, localId: string): Promise<string | null> {
  const row = await db.settings.get(idAliasKey(accountId, localId));
  return typeof row?.value === 'string' ? row.value : null;
}
