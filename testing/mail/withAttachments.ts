/**
 * Test mail with files attached (multipart/mixed, base64 parts), imported into a mailbox
 * with the receivedAt a test needs (Email/import: LMTP delivery would stamp "now"), on
 * whichever backend runs. What the offline-attachment tests seed: small and large files,
 * recent and old mail.
 */
import type { JmapClient } from '../../src/jmap/index.ts';
import { base64Lines } from './mime.ts';

export interface AttachedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export function messageWithAttachments(p: { from: string; to: string; subject: string; date: Date; files: AttachedFile[] }): string {
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  return [
    `From: ${p.from}`,
    `To: ${p.to}`,
    `Subject: ${p.subject}`,
    `Message-ID: <${boundary}@test>`,
    `Date: ${p.date.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Files for ${p.subject}.`,
    ...p.files.flatMap((f) => [
      `--${boundary}`,
      `Content-Type: ${f.type}; name="${f.name}"`,
      `Content-Disposition: attachment; filename="${f.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(f.bytes),
    ]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Bytes that say which file they are (so a test can tell one download from another). */
export function fileBytes(label: string, size: number): Buffer {
  const b = Buffer.alloc(size);
  const stamp = Buffer.from(`${label}:`);
  for (let i = 0; i < size; i++) b[i] = stamp[i % stamp.length]!;
  return b;
}

/** Imports one such message into `mailboxId`, received at `receivedAt`; returns the email's id. */
export async function importWithAttachments(
  client: JmapClient,
  mailboxId: string,
  p: { from: string; to: string; subject: string; receivedAt: Date; files: AttachedFile[] },
): Promise<string> {
  const accountId = client.accountId;
  const raw = messageWithAttachments({ ...p, date: p.receivedAt });
  const { blobId } = await client.upload(raw, 'message/rfc822');
  const res = await client.call('Email/import', {
    accountId,
    emails: {
      m: { blobId, mailboxIds: { [mailboxId]: true }, keywords: {}, receivedAt: p.receivedAt.toISOString().replace(/\.\d+Z$/, 'Z') },
    },
  });
  const made = res.created?.m;
  if (!made) throw new Error(`Email/import failed: ${JSON.stringify(res.notCreated)}`);
  return made.id;
}
