import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { isUnsupported, MethodError } from './errors.ts';
import { backend, connectAs, demoProfile } from '../../testing/backends/connect.ts';

describe('Identity/set', () => {
  it('either works, or is reported as "not supported" (Cyrus: unknownMethod) — never as a failure to retry', async () => {
    const b = backend();
    // Cyrus (every version) and the demo server's cyrus profile have no Identity/set.
    const expectUnsupported = b.name === 'cyrus' || demoProfile() === 'cyrus';
    const client = await connectAs('alice');
    const attempt = client.call('Identity/set', { create: { extra: { name: 'Alice (work)', email: b.users.alice.email } } });
    if (expectUnsupported) {
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MethodError);
      expect((err as MethodError).type).toBe('unknownMethod');
      expect(isUnsupported(err)).toBe(true);
      expect(classify(err)).toEqual({ action: 'permanent' });
      expect((err as Error).message).toMatch(/^The mail server does not support this \(Identity\/set: unknownMethod/);
    } else {
      const res = await attempt;
      const id = res.created?.extra?.id;
      expect(id, JSON.stringify(res.notCreated)).toBeTruthy();
      const got = await client.call('Identity/get', { ids: [id!] });
      expect(got.list[0]?.name).toBe('Alice (work)');
      const gone = await client.call('Identity/set', { destroy: [id!] });
      expect(gone.destroyed).toEqual([id]);
    }
  });
});
