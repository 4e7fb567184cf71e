import { useQuery } from '@tanstack/react-query';
import type { EmailBodyPart, EmailHeader } from '../../jmap/index.ts';
import { MAX_BODY_VALUE_BYTES, type BodyRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { queryRetry } from '../data/queryRetry.ts';
import { ask } from '../bridge/ask.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { peekBody } from './peek.ts';

/**
 * Longest body text asked of the server when a message is opened: what MessageBody
 * will still render (src/sanitize/limits.ts). A part cut at this size is too large to
 * show, and the person is offered the download instead of a silently cut message.
 */
export const OPEN_BODY_VALUE_BYTES = 2_000_000;

/** `headers`: the raw header fields (the mirror's copy and the host's answer carry them; an attached message read here does not). */
export type LoadedBody = Pick<BodyRecord, 'textBody' | 'htmlBody' | 'attachments' | 'bodyValues'> & { headers?: EmailHeader[] };

export interface BodyState {
  body: LoadedBody | null;
  error: string | null;
  loading: boolean;
  /**
   * The body shown is the mirror's copy, which keeps only the start of long parts
   * (sync's MAX_BODY_VALUE_BYTES), because the full text could not be fetched (offline).
   */
  partial: boolean;
}

/**
 * A part the server marked truncated although it is smaller than any limit the app asks
 * for: not cut for size. Surprise from Cyrus 3.6: an HTML part that ends inside a tag
 * (a mail whose HTML is split over two parts: "<p>First <b" then ">half</b>") comes back
 * cut before that tag and isTruncated, whatever maxBodyValueBytes was. Such parts are
 * read again from their bytes (useRedecoded) and never refused as too large.
 */
export function cutAtTag(body: LoadedBody, part: EmailBodyPart): boolean {
  return !!part.partId && body.bodyValues[part.partId]?.isTruncated === true && (part.size ?? Infinity) <= MAX_BODY_VALUE_BYTES;
}

/** True when the server cut any part of this kind's text short for size (RFC 8621 isTruncated). */
export function isCut(body: LoadedBody, parts: readonly EmailBodyPart[]): boolean {
  return parts.some(
    (p) => p.partId !== null && p.partId !== undefined && body.bodyValues[p.partId]?.isTruncated === true && !cutAtTag(body, p),
  );
}

/**
 * The body from the mirror when it is cached whole, else from the server. A cached
 * body whose text the mirror kept only the start of is shown at once only when the
 * server cannot be asked (offline), and then says so.
 */
export function useBody(accountId: string, emailId: string): BodyState {
  const cached = useLiveQuery(
    async () => (await mailDb().bodies.get([accountId, emailId])) ?? null,
    [accountId, emailId],
    () => peekBody(accountId, emailId),
  );
  const cachedCut = cached ? isCut(cached, cached.htmlBody) || isCut(cached, cached.textBody) : false;
  const fetched = useQuery({
    queryKey: ['body', accountId, emailId],
    enabled: cached === null || cachedCut,
    ...queryRetry(1),
    staleTime: Infinity,
    queryFn: (): Promise<LoadedBody> => ask(accountId, 'body', { emailId, maxBodyValueBytes: OPEN_BODY_VALUE_BYTES }),
  });
  if (cached && !cachedCut) return { body: cached, error: null, loading: false, partial: false };
  if (cached === undefined) return { body: null, error: null, loading: true, partial: false };
  if (fetched.data) return { body: fetched.data, error: null, loading: false, partial: false };
  const offlineNow = typeof navigator !== 'undefined' && !navigator.onLine;
  // Offline, the start kept on the device is worth more than a wait for a failed fetch.
  if (cached && (fetched.error || offlineNow)) return { body: cached, error: null, loading: false, partial: true };
  if (fetched.isPending) return { body: null, error: null, loading: true, partial: false };
  const error = fetched.error
    ? offlineNow
      ? 'This message is not available offline yet. It will be when you are back online.'
      : fetched.error.message
    : 'This message has no body.';
  return { body: null, error, loading: false, partial: false };
}

/** The decoded text of the parts of one kind (text/html or text/plain), joined. */
export function partsText(body: LoadedBody, parts: readonly EmailBodyPart[], type: string): string | null {
  const texts = parts.filter((p) => p.type === type && p.partId && body.bodyValues[p.partId]).map((p) => body.bodyValues[p.partId!]!.value);
  return texts.length ? texts.join('\n') : null;
}

/** The full size in bytes of the parts of one kind, as the server reports it. */
export function partsSize(parts: readonly EmailBodyPart[], type: string): number {
  return parts.filter((p) => p.type === type).reduce((sum, p) => sum + (p.size ?? 0), 0);
}
