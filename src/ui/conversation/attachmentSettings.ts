/**
 * How much room opened attachments and inline images may take on this device. Apart from
 * partBlob.ts so the status bar (in the first download) reads it without the JMAP client.
 */
import { evictBlobs } from '../../store/blobs.ts';
import { mailDb } from '../data/db.ts';

export const ATTACHMENT_SETTINGS_KEY = 'offline:attachments';

export interface AttachmentSettings {
  /** Room for opened attachments and inline images on this device, oldest dropped first. */
  budgetBytes: number;
}

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = { budgetBytes: 200 * 1024 * 1024 };

export async function readAttachmentSettings(): Promise<AttachmentSettings> {
  const value = (await mailDb().settings.get(ATTACHMENT_SETTINGS_KEY))?.value as Partial<AttachmentSettings> | undefined;
  const budget = value?.budgetBytes;
  return { budgetBytes: typeof budget === 'number' && Number.isFinite(budget) && budget >= 0 ? budget : DEFAULT_ATTACHMENT_SETTINGS.budgetBytes };
}

/** Stores the budget and drops what no longer fits (oldest first). */
export async function writeAttachmentSettings(accountId: string, settings: AttachmentSettings): Promise<void> {
  await mailDb().settings.put({ key: ATTACHMENT_SETTINGS_KEY, value: settings });
  await evictBlobs(mailDb(), accountId, settings.budgetBytes);
}
