/**
 * One-click unsubscribes (RFC 8058): one POST of `List-Unsubscribe=One-Click`
 * (application/x-www-form-urlencoded) to the list's URL, with no cookies, no referrer and
 * no credentials, as the RFC asks. The answer cannot be read (another origin, no CORS:
 * `no-cors`) and need not be: the list acts on the POST. Exactly once: the item is marked
 * `uncertain` before the request; an item found so (the host was stopped mid-request) is
 * taken as sent, never posted again. No answer at all (no network, connection refused):
 * nothing was taken, so the item waits as the retry policy says and goes again.
 */
import { NetworkError } from '../jmap/index.ts';
import { mayReachServer, type FlusherOptions } from './flushOptions.ts';
import type { OutboxItem } from './intents.ts';
import { accept, fail } from './outcomes.ts';
import { items } from './tables.ts';

export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';
const POST_MS = 30_000;

export async function postUnsubscribe(options: FlusherOptions, item: OutboxItem): Promise<void> {
  if (item.intent.kind !== 'unsubscribe') return;
  const { db } = options;
  const { url } = item.intent;
  if (item.uncertain) return accept(db, [item.id]);
  if (!mayReachServer(options)) return fail(options, [item], new NetworkError(url, new Error('This device is offline.')));
  await items(db).update(item.id, { uncertain: true, state: 'sending' });
  try {
    await fetch(url, {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: ONE_CLICK_BODY,
      signal: AbortSignal.timeout(POST_MS),
    });
  } catch (error) {
    await items(db).update(item.id, { uncertain: false, state: 'waiting' });
    return fail(options, [{ ...item, uncertain: false, state: 'waiting' }], new NetworkError(url, error));
  }
  await accept(db, [item.id]);
}
