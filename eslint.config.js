import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Imports flow one way: ui -> store/outbox -> sync -> jmap. host wires store, outbox, sync
 * and jmap together into a running engine; sw hosts it (pages, as a fallback, too); server (the demo JMAP server and the app server) is node-only and
 * shares nothing with the app but JMAP wire types.
 *
 * Enforced by `import-x/no-restricted-paths` on the RESOLVED file of every import (static,
 * `export ... from`, dynamic `import()`), so `../x`, `../../../src/x` or `./a/../../x` are all
 * the same import. A relative import that does not resolve is an error
 * (`import-x/no-unresolved`), so nothing slips past the zones unchecked.
 *
 * LAYERS says, for each folder of src/, which other folders it may import; everything else
 * in src/, and scripts/, e2e/ and testing/, is refused. An entry 'a/b' allows only that part
 * of src/a. Test files of src/ (`*.test.ts(x)`, engine tests too) may also import testing/,
 * the test tooling (testing/CONTEXT.md); the product files never do.
 * testing/ may import anything of src/ (it drives the product), never scripts/ or e2e/;
 * scripts/ and e2e/ may import src/ and testing/ (they are tests, benchmarks and tools).
 */
const LAYERS = {
  jmap: [],
  sync: ['jmap'],
  store: ['sync', 'jmap'],
  outbox: ['store', 'sync', 'jmap'],
  // host runs the engine and the flusher; the service worker and (as a fallback) pages use it.
  host: ['outbox', 'store', 'sync', 'jmap'],
  sanitize: [],
  // Not host: only src/ui/bridge may (EXCEPTIONS). sanitize: DOMPurify needs the page's DOM.
  ui: ['outbox', 'store', 'sync', 'jmap', 'sanitize'],
  sw: ['host', 'outbox', 'store', 'sync', 'jmap'],
  // Node-only; server/app and server/demo share this one folder. The demo server's wire.ts
  // re-exports the app's JMAP wire types (types only, no code).
  server: ['jmap/wire'],
};

/**
 * Files that may import more than their folder's LAYERS entry (each adds to it).
 * Later entries win over earlier ones for a file that matches several.
 */
const EXCEPTIONS = [
  {
    // The page runs the engine itself while no service worker controls it (first visit,
    // some private modes): src/host/CONTEXT.md, "imported only by src/sw and src/ui/bridge".
    files: ['src/ui/bridge/**'],
    layer: 'ui',
    also: ['host'],
  },
  {
    // The acceptance tests run the engine against the real store under fake-indexeddb
    // (src/sync/CONTEXT.md).
    files: ['src/sync/**/*.engine.test.ts'],
    layer: 'sync',
    also: ['store'],
  },
  {
    // The demo server as an in-process test backend.
    files: ['src/sync/SyncsTheDemoServerIntoMemory.test.ts'],
    layer: 'sync',
    also: ['server/demo'],
  },
  {
    // The app server's tests talk JMAP through it with the app's own client.
    files: ['src/server/**/*.test.ts'],
    layer: 'server',
    also: ['jmap'],
  },
];

const ROOT = import.meta.dirname;
const SRC_DIRS = fs.readdirSync(`${ROOT}/src`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
for (const dir of SRC_DIRS) {
  if (!(dir in LAYERS)) throw new Error(`eslint.config.js: src/${dir} has no entry in LAYERS (which folders may it import?)`);
}

/** The no-restricted-paths zones for a file of src/<layer> that may import `allowed`. */
function zones(layer, allowed) {
  const outside = ['scripts', 'e2e', 'testing'];
  const names = allowed.map((a) => (outside.includes(a.split('/')[0]) ? a : `src/${a}`)).join(', ');
  const message = `${allowed.length ? `src/${layer} may import only ${names}` : `src/${layer} imports nothing else of ours`} (README, Architecture; eslint.config.js LAYERS).`;
  const forbidden = [...SRC_DIRS.filter((d) => d !== layer).map((d) => `src/${d}`), ...outside];
  return forbidden.flatMap((from) => {
    const name = from.replace(/^src\//, '');
    if (allowed.includes(name)) return [];
    const except = allowed.filter((a) => a.startsWith(`${name}/`)).map((a) => a.slice(name.length + 1));
    return [{ target: '.', from, ...(except.length ? { except } : {}), message }];
  });
}

const restrict = (layer, allowed) => ({ 'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: zones(layer, allowed) }] });

/** Test files (unit and engine tests): they, and only they, may import testing/ as well. */
const TESTS = '**/*.test.{ts,tsx}';
/**
 * One entry of LAYERS or EXCEPTIONS as two configs: its product files, and its test files
 * with testing/ added (a sub-array of `files` means "matches all of these").
 */
const layered = (files, layer, allowed) => [
  { files, ignores: [TESTS], rules: restrict(layer, allowed) },
  { files: files.map((f) => [f, TESTS]), rules: restrict(layer, [...allowed, 'testing']) },
];

/** testing/ drives the product (any of src/) and is used by scripts/ and e2e/, never the reverse. */
const testingZones = ['scripts', 'e2e'].map((from) => ({
  target: 'testing',
  from,
  message: 'testing/ may import src/ and itself only: scripts/ and e2e/ use it, not the reverse (testing/CONTEXT.md).',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
      // The files import-x reads to follow imports further (no-cycle); without .ts it would stop at the first one.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
    },
    rules: {
      // Only our own (relative) imports: packages are checked by tsc and npm.
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
    },
  },
  ...Object.entries(LAYERS).flatMap(([layer, allowed]) => layered([`src/${layer}/**`], layer, allowed)),
  ...EXCEPTIONS.flatMap(({ files, layer, also }) => layered(files, layer, [...LAYERS[layer], ...also])),
  { files: ['testing/**'], rules: { 'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: testingZones }] } },
  {
    // No import cycles in src/ and testing/ (testing/ imports src/, and src/'s tests import
    // testing/, so a cycle could close across the two). Type-only imports (`import type`,
    // all-`type` specifiers) are skipped by the rule: they vanish at build time, so they
    // cannot make modules initialise in the wrong order. Dynamic import() counts like any
    // other import.
    files: ['src/**', 'testing/**'],
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
