/**
 * Seeding an account through JMAP (no test-runner imports: scripts/bench uses it too) (Email/set create, a few hundred per request), so the
 * engine tests run the same against every backend. Deterministic: message i always has
 * the same mailboxes, keywords, date and thread.
 *
 * Shape of the mail: threads of 1-4 messages (replies carry In-Reply-To/References and a
 * "Re:" subject, which both Cyrus and the demo server thread by); most mail in the
 * Inbox, some in Archive and Sent, a few in Inbox and Archive at once; a third unread, some
 * flagged; dates spread over the last ~200 days, newest last.
 */
import { chunk, type JmapClient } from '../../src/jmap/index.ts';
import { roles } from '../roles.ts';

export interface SeedResult {
  created: number;
  /** Already seeded by an earlier test file (marker mailbox present). */
  reused: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Makes sure the account holds the seed named `marker` (count messages). A mailbox named
 * after the marker is created LAST, so its presence means a complete seed.
 */
export async function ensureSeeded(client: JmapClient, marker: string, count: number, address: string): Promise<SeedResult> {
  const existing = (await client.call('Mailbox/get', { ids: null })).list;
  if (existing.some((m) => m.name === marker)) return { created: 0, reused: true };
  const r = await roles(client);
  const inbox = r.inbox!;
  const archive = r.archive ?? inbox;
  const sent = r.sent ?? inbox;
  const end = Date.now() - 60_000;
  const start = end - 200 * DAY;
  const specs = Array.from({ length: count }, (_, i) => {
    const threadStart = i - (i % 4 < 3 && i % 7 !== 0 ? i % 4 : 0);
    const inThread = i - threadStart;
    const mailboxIds: Record<string, true> = {};
    const slot = i % 20;
    if (slot < 13) mailboxIds[inbox] = true;
    else if (slot < 17) mailboxIds[archive] = true;
    else mailboxIds[sent] = true;
    const keywords: Record<string, true> = {};
    if (i % 3 !== 0) keywords.$seen = true;
    if (i % 17 === 0) keywords.$flagged = true;
    const subject = `${inThread ? 'Re: ' : ''}${marker} topic ${threadStart}`;
    const messageId = `${marker}.${i}@seed.example`;
    return {
      mailboxIds,
      keywords,
      receivedAt: new Date(start + Math.floor(((end - start) * i) / count)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      from: [{ name: `Sender ${i % 37}`, email: `sender${i % 37}@example.net` }],
      to: [{ name: null, email: address }],
      subject,
      messageId: [messageId],
      ...(inThread
        ? {
            inReplyTo: [`${marker}.${i - 1}@seed.example`],
            references: [`${marker}.${threadStart}@seed.example`, `${marker}.${i - 1}@seed.example`],
          }
        : {}),
      bodyValues: { b: { value: `Message ${i} of the ${marker} seed.\nLine two.` } },
      textBody: [{ partId: 'b', type: 'text/plain' }],
    };
  });
  let created = 0;
  const perRequest = Math.min(250, client.limits.maxObjectsInSet);
  for (const part of chunk(specs, perRequest)) {
    const create = Object.fromEntries(part.map((spec, i) => [`s${i}`, spec]));
    const res = await client.call('Email/set', { create });
    const failed = Object.entries(res.notCreated ?? {});
    if (failed.length) throw new Error(`Seeding ${marker} failed for ${failed.length} messages, e.g. ${JSON.stringify(failed[0])}`);
    created += Object.keys(res.created ?? {}).length;
    // Some mail in two mailboxes at once, added after creation: Apache James (and the demo
    // server's james profile) accept only one mailbox on create. Where even an update is
    // refused, the mail simply stays in one mailbox.
    const both = part
      .flatMap((spec, i) => (spec.mailboxIds[inbox] && i % 25 === 0 ? [res.created?.[`s${i}`]?.id] : []))
      .filter((id): id is string => !!id);
    if (both.length && archive !== inbox) {
      await client.call('Email/set', { update: Object.fromEntries(both.map((id) => [id, { [`mailboxIds/${archive}`]: true }])) });
    }
  }
  const marked = await client.call('Mailbox/set', { create: { m: { name: marker, parentId: null } } });
  if (!marked.created?.m) throw new Error(`Could not create the seed marker mailbox ${marker}: ${JSON.stringify(marked.notCreated)}`);
  return { created, reused: false };
}
