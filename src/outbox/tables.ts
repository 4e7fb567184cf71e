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
