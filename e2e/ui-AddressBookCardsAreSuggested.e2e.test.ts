/**
 * Issue 14, addresses: where the server offers JMAP for Contacts (RFC 9610; the demo
 * server, Cyrus 3.6 does not) the account's contact cards are suggestions too: a person
 * in the address book and never mailed is offered by name and picked with the keyboard.
 * The demo server serves this worktree's built app (dist/) on its own origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_USERS, startDemoServer, type DemoServer } from '../packages/demo-server/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { recipientChips, signInThroughUi } from '../testing/browser/ui.ts';

let server: DemoServer | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-cards-'));

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('a contact card of the address book is suggested by name and picked with the keyboard', async () => {
  server = await startDemoServer({ port: 0, dataDir, staticDir: 'dist' });
  const demo = DEMO_USERS[0]!;
  const { context } = await launchPersistent();
  try {
    const page = await context.newPage();
    await signInThroughUi(page, server.origin, demo.username, demo.password);
    await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByRole('combobox', { name: 'To', exact: true }).focus();
    await page.keyboard.type('ros', { delay: 30 });
    const option = dialog.getByRole('listbox', { name: 'Suggestions for To' }).getByRole('option', { name: /Rosa Díaz/ });
    await option.waitFor({ timeout: 20_000 });
    expect(await option.textContent()).toContain('rosa.diaz@example.org');
    // Down until it is the one moved to (the list may reorder as the mail's table arrives).
    for (let i = 0; i < 9 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await recipientChips(dialog, 'To')).toEqual([
      { name: 'Rosa Díaz', address: 'rosa.diaz@example.org', addressShown: false, invalid: false },
    ]);
  } finally {
    await context.close();
  }
}, 180_000);
