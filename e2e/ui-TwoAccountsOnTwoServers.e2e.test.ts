/**
 * Issue 15, several accounts: alice on Cyrus (the app's own origin) and a second account
 * on a demo server of another origin (it allows CORS), added from the account menu. Both
 * sync (new mail of the account not on screen arrives), each outbox reaches its own server
 * (changes made offline in both, flushed with only one shown), All inboxes lists both
 * Inboxes with each line's account, and signing out of the second leaves alice's mirror,
 * outbox and unsent attachment bytes as they were.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { DEMO_USERS, startDemoServer, type DemoServer } from '../packages/demo-server/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { idbAll, idbPut } from '../testing/browser/idb.ts';
import { screenshot, seriousA11yViolations, signInThroughUi } from '../testing/browser/ui.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'e2e-two-accounts-'));
const marker = `two-${randomUUID().slice(0, 6)}`;
let demo: DemoServer | undefined;
let context: BrowserContext | undefined;

afterAll(async () => {
  await context?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Whether the server's message of exactly this subject is starred (undefined: no such message there). */
async function flagged(client: JmapClient, subject: string): Promise<boolean | undefined> {
  // A subject filter matches words: "x later on cyrus" is found for "x on cyrus" too.
  const q = await client.call('Email/query', { filter: { subject } });
  const got = await client.call('Email/get', { ids: q.ids, properties: ['keywords', 'subject'] });
  const list = got.list as { subject?: string; keywords?: Record<string, boolean> }[];
  const email = list.find((e) => e.subject === subject);
  return email ? email.keywords?.$flagged === true : undefined;
}

async function star(page: Page, subject: string): Promise<void> {
  await page.getByRole('listitem').filter({ hasText: subject }).getByRole('button').first().click();
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Star' }).click();
}

/** The account switcher: an account by its id, or All inboxes. */
async function show(page: Page, value: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Show account' }).selectOption(value);
}

it('two accounts on two servers both sync, flush to their own servers, show in All inboxes and sign out alone', async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  const alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  demo = await startDemoServer({ port: 0, dataDir });
  const d = DEMO_USERS[0]!;
  const second = await connect({ url: demo.origin, auth: { kind: 'basic', username: d.username, password: d.password } });
  const [aliceSubject, demoSubject, laterSubject] = [`${marker} on cyrus`, `${marker} on demo`, `${marker} later on cyrus`];
  await deliver(
    'alice',
    rawMessage({ from: 'Eve <eve@example.net>', to: a.email, subject: aliceSubject, messageId: `${marker}-1@example.net` }),
  );
  // Into the demo account's Inbox, by JMAP.
  const inbox = (await second.call('Mailbox/query', { filter: { role: 'inbox' } })).ids[0]!;
  const blob = await second.upload(
    rawMessage({ from: 'Eve <eve@example.net>', to: d.email, subject: demoSubject, messageId: `${marker}-2@example.net` }),
    'message/rfc822',
  );
  await second.call('Email/import', { emails: { m: { blobId: blob.blobId, mailboxIds: { [inbox]: true }, keywords: {} } } });

  ({ context } = await launchPersistent());
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await signInThroughUi(page, origin, a.username, a.password);
  await page.getByRole('listitem').filter({ hasText: aliceSubject }).waitFor({ timeout: 60_000 });

  // A second account, on another server, from the account menu.
  await page.getByRole('button', { name: 'Add another account' }).click();
  await page.getByRole('heading', { name: 'Add another account' }).waitFor();
  await page.getByLabel('Server or email address').fill(demo.origin);
  await page.getByLabel('Username', { exact: true }).fill(d.username);
  await page.getByLabel('Password', { exact: true }).fill(d.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('listitem').filter({ hasText: demoSubject }).waitFor({ timeout: 60_000 });
  const accounts = await idbAll<{ id: string; name: string }>(page, 'accounts');
  expect(accounts.map((x) => x.id).sort()).toEqual([alice.accountId, second.accountId].sort());

  // All inboxes: both accounts' mail, each line naming its account.
  await show(page, '*all');
  const all = page.getByRole('list', { name: 'All inboxes' });
  const aliceLine = all.getByRole('listitem').filter({ hasText: aliceSubject });
  const demoLine = all.getByRole('listitem').filter({ hasText: demoSubject });
  await aliceLine.waitFor({ timeout: 20_000 });
  await demoLine.waitFor({ timeout: 20_000 });
  const nameOf = (id: string) => accounts.find((x) => x.id === id)!.name;
  expect(await aliceLine.locator('.account-tag').textContent()).toBe(nameOf(alice.accountId));
  expect(await demoLine.locator('.account-tag').textContent()).toBe(nameOf(second.accountId));
  await screenshot(page, 'all-inboxes');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Alice's account keeps syncing while it is not the one on screen.
  await deliver(
    'alice',
    rawMessage({ from: 'Eve <eve@example.net>', to: a.email, subject: laterSubject, messageId: `${marker}-3@example.net` }),
  );
  await all.getByRole('listitem').filter({ hasText: laterSubject }).waitFor({ timeout: 60_000 });

  // Opening a line shows its account with the conversation open.
  await demoLine.getByRole('button').click();
  await page.getByRole('toolbar', { name: 'Conversation actions' }).waitFor({ timeout: 20_000 });

  // Offline, a change in each account; back online with only the demo account shown,
  // each reaches its own server.
  await context.setOffline(true);
  await show(page, alice.accountId);
  await star(page, aliceSubject);
  await show(page, second.accountId);
  await star(page, demoSubject);
  await context.setOffline(false);
  // Within a few seconds: the network's return ends every account's backoff (host networkBack).
  await Promise.all([
    expect.poll(() => flagged(alice, aliceSubject), { timeout: 15_000 }).toBe(true),
    expect.poll(() => flagged(second, demoSubject), { timeout: 15_000 }).toBe(true),
  ]);
  expect(await flagged(alice, demoSubject)).toBeUndefined();
  expect(await flagged(second, aliceSubject)).toBeUndefined();

  // Something of alice's waits (offline) and an unsent attachment of hers is kept: signing
  // out of the demo account touches neither, nor her mirror.
  await context.setOffline(true);
  await show(page, alice.accountId);
  await star(page, laterSubject);
  await idbPut(page, 'outgoingBlobs', { id: `${marker}-blob`, intentId: 'none', accountId: alice.accountId, type: 'text/plain' });
  const ofAlice = <T extends { accountId?: string }>(rows: T[]) => rows.filter((r) => r.accountId === alice.accountId);
  await expect.poll(async () => ofAlice(await idbAll(page, 'outbox')).length).toBeGreaterThan(0);
  const before = {
    emails: ofAlice(await idbAll(page, 'emails')).length,
    outbox: ofAlice(await idbAll<{ id: string; accountId: string }>(page, 'outbox')).map((r) => r.id),
  };
  await show(page, second.accountId);
  await page.getByRole('listitem').filter({ hasText: demoSubject }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Alice's mail is shown again, the demo account is gone from the device.
  await page.getByRole('listitem').filter({ hasText: aliceSubject }).waitFor({ timeout: 20_000 });
  await expect
    .poll(async () => (await idbAll<{ accountId?: string }>(page, 'emails')).filter((r) => r.accountId === second.accountId).length, {
      timeout: 20_000,
    })
    .toBe(0);
  expect((await idbAll<{ id: string }>(page, 'accounts')).map((x) => x.id)).toEqual([alice.accountId]);
  expect(ofAlice(await idbAll(page, 'emails')).length).toBe(before.emails);
  expect(ofAlice(await idbAll<{ id: string; accountId: string }>(page, 'outbox')).map((r) => r.id)).toEqual(before.outbox);
  expect((await idbAll<{ id: string }>(page, 'outgoingBlobs')).map((r) => r.id)).toContain(`${marker}-blob`);
  // And alice's waiting change still reaches her server.
  await context.setOffline(false);
  await expect.poll(() => flagged(alice, laterSubject), { timeout: 60_000 }).toBe(true);
}, 300_000);
