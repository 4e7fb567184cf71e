/**
 * An attached message (a message/rfc822 part) as the reader shows it: its headers, its
 * body (shown through the same MessageBody as any message), its own attachments.
 * Online, the server reads it (the host's `parse`, Email/parse), and the part's bytes are
 * kept on the device (partBlob, within the attachment budget) for later. Offline, or when
 * the server cannot be reached, the kept bytes are read here with postal-mime, loaded only
 * then (its own chunk, never on the start path); so are the downloaded bytes when the
 * server has no Email/parse. Not kept and offline: said in words.
 */
import type { EmailAddress, EmailBodyPart } from '../../jmap/index.ts';
import { getBlob } from '../../store/blobs.ts';
import { mailDb } from '../data/db.ts';
import { ask, HostRequestError } from '../bridge/ask.ts';
import { OPEN_BODY_VALUE_BYTES, type LoadedBody } from './useBody.ts';
import { partBlob } from './partBlob.ts';
import type { HeaderValues } from './HeaderFields.tsx';

export interface AttachedMessage {
  headers: HeaderValues;
  body: LoadedBody;
  /** The bytes of its own attachments when they were read here (else they download from the server by blobId). */
  files: ReadonlyMap<string, Blob> | null;
}

/** The words when the attached message is neither reachable nor kept on this device. */
export const NOT_ON_DEVICE = 'This attached message is not on this device: it was never opened here. It shows when you are back online.';

type ParsedMessage = Awaited<ReturnType<typeof ask<'parse'>>>;

const dateMs = (date: string | null | undefined) => {
  const ms = date ? Date.parse(date) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

function fromServer(parsed: ParsedMessage): AttachedMessage {
  const { from, to, cc, subject, sentAt, ...body } = parsed;
  return { headers: { from, to, cc, subject, dateMs: dateMs(sentAt) }, body, files: null };
}

/** postal-mime's addresses as JMAP's (groups flattened, as Email/parse does). */
type PostalAddress = { name: string; address?: string | undefined; group?: { name: string; address: string }[] | undefined };
function addresses(list: readonly PostalAddress[] | PostalAddress | undefined): EmailAddress[] | null {
  if (!list) return null;
  const flat = (Array.isArray(list) ? list : [list]).flatMap((a) => a.group ?? [a]);
  return flat.map((a) => ({ name: a.name || null, email: a.address ?? '' }));
}

/** The message's own bytes read on this device (postal-mime), as the reader shows it. */
export async function parseOnDevice(bytes: ArrayBuffer): Promise<AttachedMessage> {
  const { default: PostalMime } = await import('postal-mime');
  // Attached messages inside stay attachments (not folded into this one's text).
  const email = await PostalMime.parse(bytes, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const body: LoadedBody = { textBody: [], htmlBody: [], attachments: [], bodyValues: {} };
  if (email.html !== undefined) {
    body.htmlBody.push({ partId: 'html', blobId: null, type: 'text/html', size: email.html.length });
    body.bodyValues.html = { value: email.html };
  }
  if (email.text !== undefined) {
    body.textBody.push({ partId: 'text', blobId: null, type: 'text/plain', size: email.text.length });
    body.bodyValues.text = { value: email.text };
  }
  const files = new Map<string, Blob>();
  email.attachments.forEach((a, i) => {
    const blobId = `device-part-${i}`;
    const data = typeof a.content === 'string' ? new TextEncoder().encode(a.content) : a.content;
    const blob = new Blob([data as BlobPart], { type: a.mimeType });
    files.set(blobId, blob);
    const part: EmailBodyPart = { partId: `device-${i}`, blobId, type: a.mimeType, name: a.filename, size: blob.size };
    part.disposition = a.disposition;
    part.cid = a.contentId ? a.contentId.replace(/^<|>$/g, '') : null;
    body.attachments.push(part);
  });
  const headers: HeaderValues = {
    from: addresses(email.from as PostalAddress | undefined),
    to: addresses(email.to as PostalAddress[] | undefined),
    cc: addresses(email.cc as PostalAddress[] | undefined),
    subject: email.subject ?? null,
    dateMs: dateMs(email.date),
  };
  return { headers, body, files };
}

/**
 * `load` gives the part's bytes when the part is itself one read on this device (an
 * attached message inside an attached message read offline); else the part is the
 * server's, by its blobId.
 */
export async function readAttachedMessage(
  accountId: string,
  part: EmailBodyPart,
  load?: (part: EmailBodyPart) => Promise<Blob>,
): Promise<AttachedMessage> {
  if (load) return parseOnDevice(await (await load(part)).arrayBuffer());
  if (!part.blobId) throw new Error('This attached message has no content.');
  if (navigator.onLine) {
    try {
      const parsed = await ask(accountId, 'parse', { blobId: part.blobId, maxBodyValueBytes: OPEN_BODY_VALUE_BYTES });
      // Kept for reading it offline later (a failure only means it is not kept).
      void partBlob(accountId, part).catch(() => undefined);
      return fromServer(parsed);
    } catch (error) {
      // A server without Email/parse: its bytes, read here.
      if (error instanceof HostRequestError && error.kind === 'notSupported')
        return parseOnDevice(await (await partBlob(accountId, part)).arrayBuffer());
      if (!(error instanceof HostRequestError && error.kind === 'offline')) throw error;
    }
  }
  const kept = await getBlob(mailDb(), accountId, part.blobId);
  if (!kept) throw new Error(NOT_ON_DEVICE);
  return parseOnDevice(kept.data instanceof Blob ? await kept.data.arrayBuffer() : kept.data);
}
