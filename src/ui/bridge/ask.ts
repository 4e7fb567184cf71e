/**
 * The page's one way to the network for what the mirror does not hold (a body not kept
 * yet, an attachment's bytes, server search, identities, the vacation response): a typed
 * request (src/host/requests.ts) to the host, which answers with the account's one
 * connected client. The active service worker when there is one; else this page's own
 * host, through the same check and handlers. A failure comes back as data and is thrown
 * here as a HostRequestError (its kind, a sentence, and whether asking again may help).
 */
import type { HostAnswer, HostAsk, HostError, HostErrorKind, HostRequestKind, ReplyOf, RequestOf } from '../../host/index.ts';
import { ACCEPTED } from '../../host/requests.ts';
import { mailDb } from '../data/db.ts';
import { pageHost } from './pageHost.ts';

/** How long a worker has to say it took the request (an older worker ignores it). */
const ACCEPT_MS = 5_000;
/** How long an answer may take once taken (a download may take minutes). */
const ANSWER_MS: Partial<Record<HostRequestKind, number>> = { blob: 11 * 60_000 };
const DEFAULT_ANSWER_MS = 90_000;

export class HostRequestError extends Error {
  readonly kind: HostErrorKind;
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(error: HostError) {
    super(error.message);
    this.kind = error.kind;
    this.transient = error.transient;
    this.retryAfterMs = error.retryAfterMs;
  }
}

export async function ask<K extends HostRequestKind>(accountId: string, kind: K, request: RequestOf<K>): Promise<ReplyOf<K>> {
  const message = { type: 'ask', accountId, kind, request } as HostAsk;
  const worker = await activeWorker();
  const answer = (worker && (await askWorker(worker, message))) || (await (await pageHost(mailDb())).answer(message));
  if (!answer.ok) throw new HostRequestError(answer.error);
  return answer.reply as ReplyOf<K>;
}

async function activeWorker(): Promise<ServiceWorker | null> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  return registration?.active ?? null;
}

/** The worker's answer, or null when it did not take the request (then this page answers). */
function askWorker(worker: ServiceWorker, message: HostAsk): Promise<HostAnswer | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    let timer = setTimeout(() => done(null), ACCEPT_MS);
    function done(answer: HostAnswer | null) {
      clearTimeout(timer);
      channel.port1.close();
      resolve(answer);
    }
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === ACCEPTED) {
        clearTimeout(timer);
        const late: HostError = { kind: 'offline', message: 'The background worker did not answer in time.', transient: true };
        timer = setTimeout(() => done({ ok: false, error: late }), ANSWER_MS[message.kind] ?? DEFAULT_ANSWER_MS);
        return;
      }
      done(event.data as HostAnswer);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
