import { SMTPServer } from 'smtp-server';
import { lmtpClient } from '../../mail/lmtp.ts';

/** The hold the relay advertises (RFC 4865 max-future-release-interval): 30 days, as Stalwart. */
export const RELAY_MAX_HOLD_SECONDS = 30 * 24 * 3600;

export interface Relay {
  port: number;
  /** Every message relayed into Cyrus, in order (tests count deliveries with it). */
  delivered: { from: string; to: string[]; messageId: string | null }[];
  /** The MAIL FROM parameters of every transaction, in order (what Cyrus passes on). */
  mailFromParams: Record<string, string | true>[];
  stop(): Promise<void>;
}

/**
 * The SMTP server Cyrus submits to (`smtp_host`). Each message is handed back to Cyrus
 * over LMTP, addressed by Cyrus username (the local part: usernames carry no domain),
 * so mail alice sends really lands in bob's Inbox. Surprise from Cyrus: it reads this
 * server's EHLO when it builds the session, and hides the submission capability when
 * nothing listens here — so the relay must start before Cyrus does.
 *
 * It advertises FUTURERELEASE (RFC 4865), so Cyrus offers delayed sending
 * (`maxDelayedSend`). Surprise: Cyrus 3.6 then keeps the hold itself (its calalarmd
 * submits at the time, with no HOLDUNTIL or HOLDFOR in MAIL FROM: `mailFromParams` shows
 * it) and can cancel it, so this relay never holds anything. smtp-server has no
 * FUTURERELEASE option: the EHLO answer of each connection gets the line added.
 */
export async function startRelay(lmtpPort: number, knownUsers: string[]): Promise<Relay> {
  const lmtp = lmtpClient('127.0.0.1', lmtpPort);
  const delivered: Relay['delivered'] = [];
  const mailFromParams: Relay['mailFromParams'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(address, _session, done) {
      mailFromParams.push((address.args || {}) as Record<string, string | true>);
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address.split('@')[0] ?? '').filter((u) => knownUsers.includes(u));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const messageId = /^message-id:\s*(\S+)/im.exec(raw.toString('latin1'))?.[1] ?? null;
        if (to.length === 0) {
          // Mail for outside addresses is accepted and dropped: nothing leaves loopback.
          done();
          return;
        }
        lmtp
          .send({ from, to }, raw)
          .then(() => {
            delivered.push({ from, to, messageId });
            done();
          })
          .catch((err: Error) => done(err));
      });
    },
  });
  advertise(
    server,
    `FUTURERELEASE ${RELAY_MAX_HOLD_SECONDS} ${new Date(Date.now() + RELAY_MAX_HOLD_SECONDS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  );
  const port = await new Promise<number>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok((server.server.address() as { port: number }).port));
  });
  return {
    port,
    delivered,
    mailFromParams,
    stop: () =>
      new Promise<void>((ok) => {
        lmtp.close();
        server.close(() => ok());
      }),
  };
}

interface ConnectionLike {
  send(code: number, data: unknown, context?: unknown): unknown;
}

/**
 * Adds one EHLO keyword line: each new connection's `send` appends it to the 250 answer
 * that lists the extensions (told by its 8BITMIME line, which the relay never hides).
 */
function advertise(server: SMTPServer, line: string): void {
  const internals = server as unknown as { connect(socket: unknown, options: unknown): void; connections: Set<ConnectionLike> };
  const connect = internals.connect.bind(server);
  internals.connect = (socket, options) => {
    connect(socket, options);
    const c = [...internals.connections].at(-1);
    if (!c) return;
    const send = c.send.bind(c);
    c.send = (code, data, context) =>
      send(code, code === 250 && Array.isArray(data) && data.includes('8BITMIME') ? [...data, line] : data, context);
  };
}
