/**
 * How much room opened attachments and inline images may take on this device (the
 * store's `ATTACHMENTS` setting). Apart from partBlob.ts so the status bar (in the first
 * download) reads it without the JMAP client.
 */
import { evictBlobs } from '../../store/blobs.ts';
import { ATTACHMENTS, readSetting, writeSetting, type AttachmentSettings } from '../../store/settings.ts';
import { mailDb } from '../data/db.ts';

export const readAttachmentSettings = (): Promise<AttachmentSettings> => readSetting(mailDb(), ATTACHMENTS);

/** Stores the budget and drops what no longer fits (oldest first). */
export async function writeAttachmentSettings(accountId: string, settings: AttachmentSettings): Promise<void> {
  await writeSetting(mailDb(), ATTACHMENTS, settings);
  await evictBlobs(mailDb(), accountId, settings.budgetBytes);
}
