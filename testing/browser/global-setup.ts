import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cyrusSetup from '../backends/cyrus-setup.ts';
import { startAppServer } from '../../src/server/app/server.ts';
import type { TestBackend } from '../backends/backend.ts';
import { buildCorpus } from '../corpus/corpus.ts';
import { importCorpus } from '../corpus/import.ts';

/**
 * Realistic mail in alice's account before any browser test: threads, HTML and plain
 * bodies, inline images, PDF attachments, legacy charsets, folders, read and starred
 * mail over two years (testing/corpus/corpus.ts; built once, cached in .cache/seed).
 * Tests add their own messages (newer, with unique subjects) on top of it.
 */
export const SEED_MESSAGES = 400;

/**
 * The built app the browser tests open: dist/ unless E2E_DIST names another build, so a
 * second checkout's build can be tried without touching the one another run is using.
 */
export const E2E_DIST = process.env.E2E_DIST ?? 'dist';

export interface E2eApp {
  /** Where the built app and Cyrus' JMAP API are served on one origin. */
  origin: string;
  backend: TestBackend;
}

declare module 'vitest' {
  export interface ProvidedContext {
    app: E2eApp;
  }
}

/**
 * Browser tests run against the built app (dist/, built by `npm run test:e2e` first)
 * served by the app server in front of a real Cyrus.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(E2E_DIST, 'index.html'))) {
    throw new Error(
      `${E2E_DIST}/ is missing: the browser tests run against the built app; run \`npx vite build --outDir ${E2E_DIST}\` first.`,
    );
  }
  let backend: TestBackend | undefined;
  const stopCyrus = await cyrusSetup({
    provide: (key: string, value: unknown) => {
      if (key === 'backend') backend = value as TestBackend;
      project.provide(key as 'backend', value as TestBackend);
    },
  } as unknown as TestProject);
  if (!backend) throw new Error('the Cyrus setup provided no backend');
  const started = Date.now();
  const corpus = await buildCorpus({ seed: 7, count: SEED_MESSAGES, root: process.cwd() });
  const a = backend.users.alice;
  const seeded = await importCorpus({
    url: backend.origin,
    auth: { kind: 'basic', username: a.username, password: a.password },
    corpus,
    marker: `seed-7-${SEED_MESSAGES}`,
  });
  console.log(JSON.stringify({ figure: 'e2e-seed', messages: seeded.imported, seconds: (Date.now() - started) / 1000 }));
  const app = await startAppServer({ staticDir: E2E_DIST, upstream: backend.origin });
  project.provide('app', { origin: app.origin, backend });
  return async () => {
    await app.stop();
    if (typeof stopCyrus === 'function') await stopCyrus();
  };
}
