import { SMTPServer } from 'smtp-server';
import { lmtpClient } from '../../mail/lmtp.ts';

export interface Relay {
  port: number;
  /** Every message relayed into Cyrus, in order (tests count deliveries with it). */
  delivered: { from: string; to: string[]; messageId: string | null }[];
  stop(): Promise<void>;
}

/**
 * The SMTP server Cyrus submits to (`smtp_host`). Each message is handed back to Cyrus
 * over LMTP, addressed by Cyrus username (the local part: usernames carry no domain),
 * so mail alice sends really lands in bob's Inbox. Surprise from Cyrus: it reads this
 * server's EHLO when it builds the session, and hides the submission capability when
 * nothing listens here — so the relay must start before Cyrus does.
 */
export async function startRelay(lmtpPort: number, knownUsers: string[]): Promise<Relay> {
  const lmtp = lmtpClient('127.0.0.1', lmtpPort);
  const delivered: Relay['delivered'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
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
  const port = await new Promise<number>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok((server.server.address() as { port: number }).port));
  });
  return {
    port,
    delivered,
    stop: () =>
      new Promise<void>((ok) => {
        lmtp.close();
        server.close(() => ok());
      }),
  };
}
