import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { NetworkError } from './errors.ts';
import { backend, connectAs } from '../../testing/backends/connect.ts';

describe('VacationResponse', () => {
  it('reads and writes the singleton — or, on Cyrus 3.6, fails alone without spoiling the client', async () => {
    const client = await connectAs('alice');
    const attempt = client.call('VacationResponse/get', { ids: ['singleton'] });
    if (backend().name === 'cyrus') {
      // Surprise from Cyrus 3.6: httpd drops the connection on VacationResponse/get.
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/^The mail server at .+ closed the connection without answering$/);
      expect(classify(err)).toEqual({ action: 'retry' });
      // The next request on the same client works.
      expect((await client.call('Mailbox/get', { ids: [] })).state).toBeTruthy();
      return;
    }
    const got = await attempt;
    expect(got.list[0]?.id).toBe('singleton');
    const set = await client.call('VacationResponse/set', {
      update: { singleton: { isEnabled: true, subject: 'Away', textBody: 'Back soon.' } },
    });
    expect(Object.keys(set.updated ?? {})).toEqual(['singleton']);
    const after = (await client.call('VacationResponse/get', { ids: ['singleton'] })).list[0]!;
    expect(after).toMatchObject({ isEnabled: true, subject: 'Away', textBody: 'Back soon.' });
    await client.call('VacationResponse/set', { update: { singleton: { isEnabled: false } } });
  });
});
