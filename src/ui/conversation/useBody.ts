import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EmailBodyPart, EmailHeader } from '../../jmap/index.ts';
import { MAX_BODY_VALUE_BYTES, type BodyRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';
import { queryRetry } from '../data/queryRetry.ts';
import { ask, HostRequestError } from '../bridge/ask.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useOnline } from '../data/useOnline.ts';
import type { Reach } from './notOnDevice.ts';
import { peekBody } from './peek.ts';

/** After this long unanswered, the view says in words that the message is not here yet. */
export const SAY_WHY_MS = 1_500;
/** While the server cannot be reached, the message is asked for again this often. */
const ASK_AGAIN_MS = 5_000;

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
  /**
   * The message is not on this device and the server cannot be asked now: offline (the
   * browser says so) or unreachable (the request failed). It is asked again by itself.
   */
  missing: Reach | null;
  /** Not on this device and the server has not answered within SAY_WHY_MS. */
  slow: boolean;
}

/** True once `on` has held for `ms` (false again as soon as it does not). */
function useHeldFor(on: boolean, ms: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    setHeld(false);
    if (!on) return;
    const t = setTimeout(() => setHeld(true), ms);
    return () => clearTimeout(t);
  }, [on, ms]);
  return on && held;
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
  const online = useOnline();
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
    // Offline TanStack pauses the query (isPending with no end: the words below say why)
    // and asks once back online (the browser's event); a server that did
    // not answer is asked again on a timer (an answer, such as "no longer there", is not).
    refetchInterval: (query) => (query.state.error instanceof HostRequestError && query.state.error.transient ? ASK_AGAIN_MS : false),
    queryFn: (): Promise<LoadedBody> => ask(accountId, 'body', { emailId, maxBodyValueBytes: OPEN_BODY_VALUE_BYTES }),
  });
  const failure = fetched.error ?? fetched.failureReason;
  const unreachable = failure instanceof HostRequestError && failure.kind === 'offline';
  const missing: Reach | null = !online ? 'offline' : unreachable ? 'unreachable' : null;
  const waiting = cached === null && !fetched.data && fetched.isPending;
  const slow = useHeldFor(waiting, SAY_WHY_MS);
  const none = { error: null, loading: false, partial: false, missing: null, slow: false };
  if (cached && !cachedCut) return { ...none, body: cached };
  if (cached === undefined) return { ...none, body: null, loading: true };
  if (fetched.data) return { ...none, body: fetched.data };
  // Offline, the start kept on the device is worth more than a wait for a failed fetch.
  if (cached && (failure || !online)) return { ...none, body: cached, partial: true };
  if (missing) return { ...none, body: null, missing };
  if (fetched.isPending) return { ...none, body: null, loading: true, slow };
  return { ...none, body: null, error: fetched.error ? fetched.error.message : 'This message has no body.' };
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
