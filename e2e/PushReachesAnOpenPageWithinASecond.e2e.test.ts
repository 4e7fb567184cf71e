/**
 * Issue 5: against the demo server (which pushes; Cyrus 3.6 does not), a change by another
 * client reaches an open page's mirror within 1 s, with polling left at its default of a
 * minute, so only the worker's push stream can have carried it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { startDemoServer, type DemoServer } from '../packages/demo-server/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { waitFor } from '../testing/wait.ts';
import { mirroredSubjects, signInThroughWorker, syncStatus, tellWorker } from '../testing/browser/worker.ts';

let server: DemoServer;
let dataDir: string;
let context: BrowserContext;
let page: Page;
let accountId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-push-'));
  server = await startDemoServer({ port: 0, dataDir, control: true, staticDir: process.env.E2E_DIST ?? 'dist' });
  accountId = (await connect({ url: server.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } })).accountId;
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughWorker(page, { origin: server.origin, accountId, username: 'alice', password: 'alice-password' });
  await tellWorker(page, { type: 'heartbeat', accountId, visible: true });
  await waitFor('the first sync', async () => (await syncStatus(page, accountId))?.kind === 'upToDate', 60_000);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('brings mail delivered by someone else into the open page within a second, by push', async () => {
  // Give the worker a moment to have its event stream open after the first cycle.
  await new Promise((r) => setTimeout(r, 1000));
  const timings: number[] = [];
  for (let i = 0; i < 3; i++) {
    const subject = `pushed ${i} ${randomUUID()}`;
    const raw = [
      `From: carol@example.net`,
      `To: alice@example.test`,
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@example.net>`,
      `Date: ${new Date().toUTCString()}`,
      '',
      'Hello.',
      '',
    ].join('\r\n');
    const started = Date.now();
    const res = await fetch(`${server.origin}/__control/deliver`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: 'alice@example.test', raw }),
    });
    expect(res.ok).toBe(true);
    await waitFor('the pushed mail', async () => (await mirroredSubjects(page)).includes(subject), 5_000, 20);
    timings.push(Date.now() - started);
  }
  console.info(`push: delivered -> in the page's mirror in ${timings.join(', ')} ms`);
  // Polling is at its default (60 s): anything this fast came through the push stream.
  expect(Math.max(...timings)).toBeLessThan(1000);
}, 60_000);
