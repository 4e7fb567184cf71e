import { describe, expect, it } from 'vitest';
import { backend, connectAs, countingFetch } from '../../testing/backends/connect.ts';

describe('a batch larger than maxCallsInRequest', () => {
  it('is split into several requests and still answers all 120 calls, each with its own answer', async () => {
    const counter = countingFetch();
    const client = await connectAs('alice', { fetch: counter.fetch });
    const limit = client.limits.maxCallsInRequest;
    if (backend().name === 'cyrus') expect(limit).toBe(50);

    const before = counter.posts(client.apiUrl);
    const batch = client.batch();
    const handles = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0 ? batch.call('Core/echo', { n: i }) : batch.call('Mailbox/get', { ids: null, properties: ['role'] }),
    );
    await batch.send();

    expect(counter.posts(client.apiUrl) - before).toBe(Math.ceil(120 / limit));
    handles.forEach((h, i) => {
      expect(h.error).toBeUndefined();
      if (i % 2 === 0) expect(h.result).toEqual({ n: i });
      else expect(Array.isArray((h.result as { list: unknown[] }).list)).toBe(true);
    });
  });
});
