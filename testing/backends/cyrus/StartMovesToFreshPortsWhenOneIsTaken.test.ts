/**
 * The Cyrus harness, when a port it picked as free is bound by someone else before Cyrus
 * binds it (two suites starting at once): the start notices, and starts again on fresh
 * ports, instead of handing out an origin another server answers on. The squatter here
 * answers like a Cyrus (401 to everything), so "something answers" would fool a start that
 * only waits for an answer.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { startCyrus } from './start.ts';

const squatter = createServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="squatter"' }).end());
afterAll(() => new Promise<void>((r) => squatter.close(() => r())));

it.skipIf(!existsSync('/usr/lib/cyrus/bin/master'))(
  'starts again on fresh ports when its HTTP port was taken',
  async () => {
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    const taken = (squatter.address() as AddressInfo).port;
    let picks = 0;
    // The first start's HTTP port (its second pick) is the squatter's; every other pick is a free port.
    const pickPort = async () => {
      picks++;
      if (picks === 2) return taken;
      return new Promise<number>((ok) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as AddressInfo;
          probe.close(() => ok(port));
        });
      });
    };
    const cyrus = await startCyrus({ pickPort });
    try {
      expect(picks).toBe(6);
      expect(new URL(cyrus.origin).port).not.toBe(String(taken));
      const { alice } = cyrus.users;
      const res = await fetch(cyrus.sessionUrl, {
        headers: { Authorization: `Basic ${Buffer.from(`${alice.username}:${alice.password}`).toString('base64')}` },
      });
      expect(res.status).toBe(200);
      expect(Object.keys(((await res.json()) as { accounts: object }).accounts)).toHaveLength(1);
    } finally {
      await cyrus.stop();
    }
  },
  90_000,
);
