import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-harness.ts';

describe('the demo server also serves the built app on its own origin', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Mail</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
    server = await startTestServer({ staticDir: dir });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with their types, revalidates index.html and sw.js, and falls back to index.html for app routes', async () => {
    const index = await fetch(`${server.origin}/`);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const sw = await fetch(`${server.origin}/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.origin}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await fetch(`${server.origin}/mailbox/inbox`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Mail</title>');
    expect((await fetch(`${server.origin}/missing.png`)).status).toBe(404);
  });

  it('keeps JMAP paths for the server: no SPA fallback under /jmap', async () => {
    const res = await fetch(`${server.origin}/jmap/nothing-here`, { headers: { Authorization: server.auth() } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const session = await fetch(`${server.origin}/jmap/`, { headers: { Authorization: server.auth() } });
    expect(session.status).toBe(200);
  });
});
