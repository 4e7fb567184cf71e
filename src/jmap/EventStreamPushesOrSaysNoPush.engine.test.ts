import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { isPushUnavailable, PushUnavailableError } from './errors.ts';
import { backend, connectAs, unique } from '../../testing/backends/connect.ts';
import type { StateChange } from './wire/push.ts';

describe('the event stream', () => {
  it('yields a StateChange after a change, or says clearly that the server has no push', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const ctl = new AbortController();
    const stream = client.events({ types: '*', pingSeconds: 5, signal: ctl.signal });

    if (!b.capabilities.push) {
      // Cyrus 3.6 from Debian answers 204 on its eventSourceUrl.
      const err = await stream.next().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PushUnavailableError);
      expect(isPushUnavailable(err)).toBe(true);
      expect((err as Error).message).toMatch(/does not push changes \(HTTP 204\); checking for new mail periodically instead$/);
      expect(classify(err)).toEqual({ action: 'permanent' });
      return;
    }

    const before = (await client.call('Mailbox/get', { ids: [] })).state;
    const first = stream.next();
    // Give the stream a moment to be registered before changing something.
    await new Promise((r) => setTimeout(r, 300));
    await client.call('Mailbox/set', { create: { box: { name: unique('push') } } });
    const deadline = setTimeout(() => ctl.abort(), 5000);
    const seen: StateChange[] = [];
    let result = await first;
    while (!result.done) {
      seen.push(result.value);
      const mailboxState = result.value.changed[client.accountId]?.Mailbox;
      if (mailboxState && mailboxState !== before) break;
      result = await stream.next();
    }
    clearTimeout(deadline);
    ctl.abort();
    const last = seen.at(-1);
    expect(last, 'no StateChange within 5 s').toBeTruthy();
    expect(last!.changed[client.accountId]?.Mailbox).not.toBe(before);
    // The stream ends quietly on abort.
    expect((await stream.next()).done).toBe(true);
  });
});
