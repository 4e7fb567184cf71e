/**
 * `npm run bench`: every benchmark, printed as one JSON document. Figures, not assertions.
 *   --messages N        node sync benchmark size (default 2000)
 *   --browser A,B       browser first-sync sizes (default 10000; e.g. 10000,100000)
 *   --only a,b          run some of: sync, outbox, browserSync, storeApply, bundle, ui, reload, search (default all)
 *   --threads N         size of the UI, reload and search benchmarks' conversation list (default 100000)
 *   --reloads N         reloads of the app and of the bare page in the reload benchmark (default 10)
 * The bundle figures read dist/; the script builds it first.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchBrowserSync } from './browserSync.ts';
import { benchBundle } from './bundle.ts';
import { benchSync } from './sync.ts';
import { benchUi } from './ui.ts';
import { benchReload } from './reload.ts';
import { benchSearch } from './search.ts';
import { benchOutbox } from './outbox.ts';
import { benchStoreApply } from './storeApply.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    browser: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'sync,outbox,browserSync,storeApply,bundle,ui,reload,search' },
    threads: { type: 'string', default: '100000' },
    reloads: { type: 'string', default: '10' },
  },
});
const only = new Set(values.only.split(','));
const out: Record<string, unknown> = { date: new Date().toISOString() };

if (only.has('sync')) out.sync = await benchSync({ messages: Number(values.messages) });
if (only.has('outbox')) out.outbox = await benchOutbox(1000);
if (only.has('browserSync')) {
  const sizes = values.browser
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const browser: Record<string, unknown> = {};
  for (const n of sizes) browser[String(n)] = await benchBrowserSync(n);
  out.browserSync = browser;
}
if (only.has('storeApply'))
  out.storeApply = await benchStoreApply(
    Math.max(
      ...values.browser
        .split(',')
        .map(Number)
        .filter((n) => n > 0),
      10_000,
    ),
  );
if (only.has('bundle') || only.has('ui') || only.has('reload') || only.has('search')) {
  // NODE_ENV set to production: a benchmark run before this one (storeApply serves its
  // page through Vite, which sets NODE_ENV=development in this process) would otherwise
  // make this a development build (React's dev runtime: +64 KB gzipped).
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  out.bundle = benchBundle();
}
if (only.has('ui')) out.ui = await benchUi(Number(values.threads));
if (only.has('reload')) out.reload = await benchReload({ threads: Number(values.threads), reloads: Number(values.reloads) });
if (only.has('search')) out.search = await benchSearch(Number(values.threads));
console.log(JSON.stringify(out, null, 2));
