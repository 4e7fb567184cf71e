import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { connect } from './client.ts';
import { AuthError, NetworkError, NotJmapError } from './errors.ts';
import { backend } from '../../testing/backends/connect.ts';

describe('connecting with bad input', () => {
  it('says "Wrong username or password" for a wrong password, and asks to re-authenticate', async () => {
    const b = backend();
    const attempt = connect({ url: b.origin, auth: { kind: 'basic', username: b.users.alice.username, password: 'not-the-password' } });
    await expect(attempt).rejects.toBeInstanceOf(AuthError);
    const err = await attempt.catch((e: unknown) => e);
    expect((err as Error).message).toBe('Wrong username or password');
    expect(classify(err)).toEqual({ action: 'reauthenticate' });
  });

  it('says so when the server is not a JMAP server', async () => {
    const web = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Just a website</title>');
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const port = (web.address() as AddressInfo).port;
    try {
      const err = await connect({ url: `http://127.0.0.1:${port}`, auth: { kind: 'basic', username: 'a', password: 'b' } }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NotJmapError);
      expect((err as Error).message).toBe(`The server at 127.0.0.1:${port} is not a JMAP server`);
      expect(classify(err).action).toBe('permanent');
    } finally {
      await new Promise((r) => web.close(r));
    }
  });

  it('says it cannot reach a server that is not listening, and retries', async () => {
    // Bind and release a port so nothing listens there.
    const tmp = createServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    const port = (tmp.address() as AddressInfo).port;
    await new Promise((r) => tmp.close(r));
    const err = await connect({ url: `http://127.0.0.1:${port}`, auth: { kind: 'basic', username: 'a', password: 'b' } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe(`Can't reach the mail server at 127.0.0.1:${port}`);
    expect(classify(err)).toEqual({ action: 'retry' });
  });
});
