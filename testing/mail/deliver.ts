/** Mail from outside, delivered into a test user's Inbox on whichever backend runs. */
import { backend } from '../backends/connect.ts';
import { lmtpClient } from './lmtp.ts';

/** Delivers a raw message into a user's Inbox (LMTP into Cyrus, or the demo server's control). */
export async function deliver(to: 'alice' | 'bob', raw: string): Promise<void> {
  const b = backend();
  const user = b.users[to];
  if (b.deliver.kind === 'control') {
    const res = await fetch(b.deliver.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: user.email, raw }),
    });
    if (!res.ok) throw new Error(`Delivery to ${user.email} failed: HTTP ${res.status} ${await res.text()}`);
    return;
  }
  // Cyrus' LMTP takes the bare username (usernames carry no domain) and CRLF line ends.
  const client = lmtpClient(b.deliver.host, b.deliver.port);
  try {
    await client.send({ from: 'sender@example.net', to: [user.username] }, raw.replace(/\r?\n/g, '\r\n'));
  } catch (err) {
    throw new Error(`LMTP delivery to ${user.username} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    client.close();
  }
}
