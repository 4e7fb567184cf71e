import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { HttpProxy, Plugin } from 'vite';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startChunk } from './scripts/vite/startChunk.ts';
import { DEV_PAGE_HEADERS, PAGE_CSP_META, PAGE_HEADERS, answerHeaders, refusalBody, refusedTarget } from './packages/app-origin/index.ts';

/**
 * The app is always served from the same origin as the JMAP API: Cyrus answers CORS
 * preflights with 401 (see docs/servers/cyrus.md), so the dev and preview
 * servers proxy the JMAP paths to JMAP_PROXY_TARGET (default: the embedded demo server).
 */
const jmapTarget = process.env.JMAP_PROXY_TARGET ?? 'http://127.0.0.1:8790';
/**
 * The same guard as the app server's proxy (packages/app-origin/jmap-guard.ts): a request
 * whose path decodes to control characters never reaches the mail server, and only the
 * headers JMAP needs come back (no Set-Cookie, Clear-Site-Data, ... on the app's origin).
 */
const guarded = {
  changeOrigin: true,
  autoRewrite: true,
  configure: (proxy: HttpProxy.ProxyServer) => {
    proxy.on('proxyReq', (proxyReq, req, res) => {
      const why = refusedTarget(req.url ?? '/');
      if (!why) return;
      proxyReq.destroy();
      (res as ServerResponse).writeHead(400, { 'Content-Type': 'application/problem+json' }).end(refusalBody(why));
    });
    proxy.on('proxyRes', (proxyRes, req) => {
      proxyRes.headers = answerHeaders(proxyRes.headers, new URL(req.url ?? '/', 'http://x').pathname) as typeof proxyRes.headers;
    });
  },
};
const jmapProxy = {
  '/jmap': { target: jmapTarget, ...guarded },
  // Cyrus answers /.well-known/jmap with a 301 to its own absolute URL; autoRewrite
  // points that Location back at this origin so discovery stays same-origin.
  '/.well-known/jmap': { target: jmapTarget, ...guarded },
};

/**
 * The built index.html carries the page's CSP as a <meta> too: the service worker serves
 * it offline from its precache, where no server adds headers. Build only: the dev
 * server's React refresh needs an inline script (see pagePolicy.ts).
 */
const metaCsp: Plugin = {
  name: 'page-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP_META }, injectTo: 'head-prepend' },
  ],
};

/**
 * The built app takes Dexie's modern ES module (dist/modern/dexie.mjs: ES2021, not
 * down-levelled to ES5; 1.7 KB less gzipped) instead of the UMD file its package's
 * import wrapper loads. Build only, and every `dexie` import of the bundle goes there,
 * so the page holds one Dexie; the tests (Node) keep the package's own entry.
 */
const modernDexie: Plugin = {
  name: 'modern-dexie',
  apply: 'build',
  enforce: 'pre',
  resolveId: (id) => (id === 'dexie' ? fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)) : null),
};

const start = startChunk();

const nodeTest = { environment: 'node' as const, setupFiles: [] as string[] };

export default defineConfig({
  plugins: [
    metaCsp,
    modernDexie,
    start.plugin,
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      // mjs: the PDF renderer's worker, so a kept PDF previews offline too.
      injectManifest: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest}'],
        // Only an installer reads the manifest's screenshots (270 KB): not precached.
        globIgnores: ['screenshots/**'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { proxy: jmapProxy, host: '127.0.0.1', headers: DEV_PAGE_HEADERS },
  preview: { proxy: jmapProxy, host: '127.0.0.1', headers: PAGE_HEADERS },
  // The search worker (src/ui/search/searchWorker.ts) is a module worker with its own chunks.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No modulepreload list: the first download is one chunk (nothing to preload), and a
    // lazy chunk's own imports are fetched when it runs instead of listed (with every
    // chunk's hashed name) in the first download, 0.8 KB gzipped; they come from the
    // service worker's precache, a few ms each. CSS of lazy chunks still loads with them.
    modulePreload: false,
    sourcemap: true,
    rolldownOptions: {
      // The start path (everything index.html's entry imports statically) is two chunks
      // (scripts/vite/startChunk.ts): the tiny early one that begins the first read, and
      // ONE chunk for the rest: one request, and gzip sees it whole (7 KB less than 22
      // small chunks).
      output: {
        codeSplitting: {
          groups: [
            { name: 'early', test: start.inEarly, priority: 2 },
            { name: 'start', tags: ['$initial'], priority: 1 },
            // Rolldown's own helpers (CommonJS interop for React) go with the start chunk
            // instead of a request of their own.
            { name: 'start', test: /rolldown[/:]runtime/, priority: 1 },
          ],
        },
      },
      // The layers below src/ui run no code on import (only declarations), so a module
      // of theirs that the start path reaches through an index but does not use (the
      // JMAP client, the sync engine) stays in the lazy chunk that uses it instead of
      // the first download. Everything else keeps the default (CSS, src/ui, packages).
      treeshake: {
        moduleSideEffects: (id: string) => !/\/src\/(jmap|sync|store|outbox)\/[^?]*\.ts$/.test(id),
      },
    },
  },
  test: {
    projects: [
      {
        test: {
          ...nodeTest,
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'testing/**/*.test.ts', 'packages/**/*.test.ts'],
          exclude: ['**/*.engine.test.ts', '**/node_modules/**'],
        },
      },
      // The engine suite runs twice: against a real Cyrus and against the demo server.
      // Each globalSetup provides a TestBackend (testing/backends/backend.ts).
      {
        test: {
          ...nodeTest,
          name: 'engine-cyrus',
          include: ['src/**/*.engine.test.ts', 'testing/**/*.engine.test.ts'],
          globalSetup: ['testing/backends/cyrus-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          ...nodeTest,
          name: 'engine-demo',
          include: ['src/**/*.engine.test.ts', 'testing/**/*.engine.test.ts'],
          globalSetup: ['testing/backends/demo-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          ...nodeTest,
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['testing/browser/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
