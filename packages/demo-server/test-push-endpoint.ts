import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/**
 * A stand-in for a browser's push subscription and its push service, for tests: the keys
 * a browser would make (P-256 ECDH + 16 random bytes, RFC 8291), a loopback endpoint that
 * takes the pushes, and the decryption a browser would do (http_ece, web-push's own).
 */
export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  /** The decrypted payload, parsed. */
  body: Record<string, unknown>;
  at: number;
}

export interface FakePushEndpoint {
  url: string;
  keys: { p256dh: string; auth: string };
  received: ReceivedPush[];
  /** The next push not yet taken by next(), or 'timeout'. */
  next(timeoutMs: number): Promise<ReceivedPush | 'timeout'>;
  /** What the endpoint answers (201 as a push service does; 410 says the subscription is gone). */
  answer: number;
  close(): Promise<void>;
}

function decryptPush(body: Buffer, ecdh: ECDH, auth: Buffer): Record<string, unknown> {
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const plain = decrypt(body, { version: 'aes128gcm', privateKey: ecdh, dh: senderKey, authSecret: auth });
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}

export async function startPushEndpoint(): Promise<FakePushEndpoint> {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const received: ReceivedPush[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const endpoint: FakePushEndpoint = {
    url: '',
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    received,
    answer: 201,
    async next(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= received.length) {
        const left = deadline - Date.now();
        if (left <= 0) return 'timeout';
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
      return received[taken++]!;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        received.push({ headers: req.headers, body: decryptPush(Buffer.concat(chunks), ecdh, auth), at: Date.now() });
      } catch (e) {
        received.push({ headers: req.headers, body: { undecryptable: String(e) }, at: Date.now() });
      }
      for (const w of waiters.splice(0)) w();
      res.writeHead(endpoint.answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push/${randomBytes(6).toString('hex')}`;
  return endpoint;
}

/**
 * Checks an `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292): the key is the one
 * given, the JWT is ES256-signed by it, its audience is the endpoint's origin and it has
 * not expired. Returns what is wrong in words, or null.
 */
export function vapidProblem(header: string | undefined, publicKey: string, endpoint: string): string | null {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return `not a vapid Authorization header: ${header}`;
  const [, jwt, k] = m as unknown as [string, string, string];
  if (k !== publicKey) return 'k is not the server key';
  const [head, claims, sig] = jwt.split('.');
  if (!head || !claims || !sig) return 'the JWT has not three parts';
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const ok = verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
  if (!ok) return 'the JWT signature does not verify';
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud?: string; exp?: number };
  if (c.aud !== new URL(endpoint).origin) return `aud is ${c.aud}`;
  if (!c.exp || c.exp * 1000 < Date.now()) return 'the JWT has expired';
  return null;
}
