/**
 * Hostile From display names through the app's real path: each mail is imported into
 * Cyrus as real MIME (the name RFC 2047 encoded, as mail carries it) from bob, synced,
 * listed and opened. For every name that reads as an address or a domain:
 * - the list row and the message header show bob's real address;
 * - Reply and Reply all prefill a To that reads back as exactly bob, and no Cc;
 * - sending each reply files a Sent copy addressed to exactly bob (to, cc and bcc as
 *   the server stored them), delivers to bob, and nothing reaches alice, whose own
 *   address one of the names holds.
 * An ordinary name is the control: shown alone, replied to the same way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { JmapClient } from '../src/jmap/index.ts';
import { senderDisplay } from '../src/sanitize/senderDisplay.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { connectAlice, importHostileMail, removeHostileMail } from '../testing/browser/hostile/appSession.ts';
import { recipientChips, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';

const marker = `names-${randomUUID().slice(0, 6)}`;
const folder = `Names ${marker}`;

interface Case {
  senderName: string;
  /** Whether the real address must be shown beside the name. */
  deceptive: boolean;
}

const CASES: Case[] = [
  { senderName: 'attacker@evil.test; Support', deceptive: true },
  { senderName: 'Support, attacker@evil.test', deceptive: true },
  { senderName: 'x" <attacker@evil.test>, "y', deceptive: true },
  { senderName: 'alice@example.test; Help desk', deceptive: true },
  { senderName: 'support＠paypal.com', deceptive: true },
  { senderName: 'support﹫paypal.com', deceptive: true },
  { senderName: 'service\u200b@paypal.com\u202e', deceptive: true },
  { senderName: 'PayPal.com Support', deceptive: true },
  { senderName: 'Bob Example', deceptive: false },
];
const subjectOf = (i: number) => `${marker} case ${i} end`;

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
let bob: JmapClient;
let imported: { mailboxId: string; ids: string[] } | undefined;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

type Addr = { name?: string | null; email: string };
async function mail(client: JmapClient, subject: string) {
  const q = await client.call('Email/query', { filter: { subject } });
  if (!q.ids.length) return [];
  const got = await client.call('Email/get', { ids: q.ids, properties: ['subject', 'to', 'cc', 'bcc', 'keywords', 'mailboxIds'] });
  return got.list as {
    subject?: string | null;
    to?: Addr[] | null;
    cc?: Addr[] | null;
    bcc?: Addr[] | null;
    keywords?: Record<string, boolean>;
    mailboxIds?: Record<string, boolean>;
  }[];
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connectAlice(backend.origin, a.username, a.password);
  bob = await connectAlice(backend.origin, backend.users.bob.username, backend.users.bob.password);
  imported = await importHostileMail(
    alice,
    folder,
    CASES.map((c, i) => ({
      key: `${marker}-${i}`,
      text: `Case ${i}.`,
      subject: subjectOf(i),
      senderName: c.senderName,
      senderEmail: backend.users.bob.email,
    })),
  );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  const button = page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${folder}`) });
  await button.waitFor({ timeout: 90_000 });
  await button.click();
  await page.locator('.thread', { hasText: subjectOf(0) }).waitFor({ timeout: 90_000 });
}, 240_000);

afterAll(async () => {
  await context?.close();
  if (imported) await removeHostileMail(alice, imported.mailboxId, imported.ids);
});

it('Cyrus kept every name as the sender wrote it (else this file would prove little)', async () => {
  const got = await alice.call('Email/get', { ids: imported!.ids, properties: ['from'] });
  const bobEmail = inject('app').backend.users.bob.email;
  expect(got.list.map((e) => e.from)).toEqual(CASES.map((c) => [{ name: c.senderName, email: bobEmail }]));
});

it('the list row and the header show the real address whenever the name reads as another', async () => {
  const bobEmail = inject('app').backend.users.bob.email;
  const seen: { name: string; row: string; header: string }[] = [];
  for (const [i, c] of CASES.entries()) {
    const row = page.locator('.thread', { hasText: subjectOf(i) });
    const rowText = (await row.locator('.senders').textContent()) ?? '';
    await row.locator('.thread-open').click();
    const from = page.locator('article.conversation section.message.expanded .from');
    await page.locator('#conversation-subject', { hasText: subjectOf(i) }).waitFor();
    seen.push({ name: c.senderName, row: rowText, header: (await from.textContent()) ?? '' });
  }
  for (const [i, c] of CASES.entries()) {
    const { row, header } = seen[i]!;
    if (c.deceptive) {
      // First in the row, where an ellipsis cannot hide it.
      expect(row.startsWith(bobEmail), `row for ${JSON.stringify(c.senderName)}: ${row}`).toBe(true);
      expect(header, `header for ${JSON.stringify(c.senderName)}`).toContain(`(${bobEmail})`);
    } else {
      expect(row).toBe(c.senderName);
      expect(header).toBe(c.senderName);
    }
    // Invisible characters never reach the screen.
    expect(row + header).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/);
  }
}, 120_000);

it('Reply and Reply all go to exactly the sender; the sent replies reach exactly bob', async () => {
  const { backend } = inject('app');
  const bobEmail = backend.users.bob.email;
  const prefilled: string[] = [];
  for (const [i] of CASES.entries()) {
    for (const mode of ['Reply', 'Reply all'] as const) {
      await page
        .locator('.thread', { hasText: subjectOf(i) })
        .locator('.thread-open')
        .click();
      await page.locator('#conversation-subject', { hasText: subjectOf(i) }).waitFor();
      await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: mode, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Reply' });
      await dialog.waitFor();
      await sendFrom(dialog, backend.users.alice.email);
      const to = await recipientChips(dialog, 'To');
      // Reply all: alice (the original's To) leaves the Cc once her identity is known.
      await expect.poll(() => recipientChips(dialog, 'Cc'), { timeout: 10_000 }).toEqual([]);
      // One chip, exactly the sender: the name as the list shows it, the real address beside a deceptive one.
      const shown = senderDisplay(CASES[i]!.senderName, bobEmail);
      expect(to, `${mode} to ${JSON.stringify(CASES[i]!.senderName)}`).toEqual([
        { name: shown.name, address: bobEmail, addressShown: CASES[i]!.deceptive, invalid: false },
      ]);
      prefilled.push(JSON.stringify(to));
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      // Closed means queued; a refusal is said in the dialog (and would be a failure here).
      const refusal = dialog.getByRole('alert');
      const outcome = async () => ((await dialog.count()) === 0 ? 'queued' : (await refusal.count()) ? 'refused' : 'open');
      await expect.poll(outcome, { timeout: 10_000 }).not.toBe('open');
      if ((await outcome()) === 'refused')
        throw new Error(`Send refused the ${mode} to ${JSON.stringify(CASES[i]!.senderName)}: ${await refusal.textContent()}`);
    }
  }
  expect(prefilled).toHaveLength(CASES.length * 2);

  // What reached the server: alice's Sent copies and bob's Inbox, per case.
  for (const [i, c] of CASES.entries()) {
    const subject = `Re: ${subjectOf(i)}`;
    const sent = await eventually(`alice's two sent replies to case ${i}`, async () => {
      const list = (await mail(alice, subject)).filter((e) => !e.keywords?.$draft && e.subject === subject);
      return list.length >= 2 ? list : undefined;
    });
    expect(sent, JSON.stringify(c.senderName)).toHaveLength(2);
    for (const e of sent) {
      expect(
        (e.to ?? []).map((a) => a.email),
        JSON.stringify(c.senderName),
      ).toEqual([bobEmail]);
      expect(e.to?.[0]?.name).toBe(c.senderName);
      expect([...(e.cc ?? []), ...(e.bcc ?? [])]).toEqual([]);
    }
    const received = await eventually(`bob to receive both replies to case ${i}`, async () => {
      const list = (await mail(bob, subject)).filter((e) => e.subject === subject);
      return list.length >= 2 ? list : undefined;
    });
    expect(received).toHaveLength(2);
  }
  // alice, whose address one name holds, got none of them; give stragglers a moment.
  await new Promise((r) => setTimeout(r, 3_000));
  const alicesInbox = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'inbox')!.id;
  for (const [i] of CASES.entries()) {
    const copies = (await mail(alice, `Re: ${subjectOf(i)}`)).filter((e) => e.mailboxIds?.[alicesInbox]);
    expect(copies, `case ${i}`).toEqual([]);
  }
}, 400_000);
