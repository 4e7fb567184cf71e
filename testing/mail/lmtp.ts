/**
 * The one LMTP client (RFC 2033) of the tests: nodemailer's, used by the Cyrus relay to
 * hand submissions back to Cyrus and by deliver() to drop mail from outside into an Inbox.
 */
import nodemailer from 'nodemailer';

export interface LmtpClient {
  /** One message to the envelope's recipients; rejects when the server refuses it. */
  send(envelope: { from: string; to: string[] }, raw: string | Buffer): Promise<void>;
  close(): void;
}

export function lmtpClient(host: string, port: number): LmtpClient {
  const transport = nodemailer.createTransport({ host, port, lmtp: true } as never);
  return {
    send: async (envelope, raw) => {
      await transport.sendMail({ envelope, raw });
    },
    close: () => transport.close(),
  };
}
