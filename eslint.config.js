import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Imports flow one way: ui -> store/outbox -> sync -> jmap. host wires store, outbox, sync
 * and jmap together into a running engine; sw hosts it (pages, as a fallback, too); server (the
 * app server) is node-only and shares nothing with the app.
 *
 * Enforced by `import-x/no-restricted-paths` on the RESOLVED file of every import (static,
 * `export ... from`, dynamic `import()`), so `../x`, `../../../src/x` or `./a/../../x` are all
 * the same import. A relative import that does not resolve is an error
 * (`import-x/no-unresolved`), so nothing slips past the zones unchecked.
 *
 * LAYERS says, for each folder of src/, which other folders it may import; everything else
 * in src/, and scripts/, e2e/, testing/ and packages/, is refused. An entry 'a/b' allows only
 * that part of src/a ('packages/x': that package). Test files of src/ (`*.test.ts(x)`, engine
 * tests too) may also import testing/, the test tooling (testing/CONTEXT.md), and run the demo
 * server in-process; the product files never do. testing/ may import anything of src/ (it
 * drives the product) and packages, never scripts/ or e2e/; scripts/ and e2e/ may import
 * src/, testing/ and packages (they are tests, benchmarks and tools).
 *
 * PACKAGES says, for each folder of packages/ (code that is not the app, kept outside src/),
 * which other packages it may import; it imports nothing of src/, testing/, scripts/ or e2e/.
 * From outside its folder a package is imported only by its entry files, the "exports" of its
 * package.json, whoever imports it.
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
  // Node-only: the app server (the demo JMAP server is packages/demo-server, outside src/).
  server: ['packages/app-origin'],
};

const PACKAGES = {
  // What may be served on the app's origin (page policy, static files, the JMAP answer guard).
  'app-origin': [],
  // The demo JMAP server: its wire types are its own (packages/demo-server/wire.ts).
  'demo-server': ['app-origin'],
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
    // The app server's tests talk JMAP through it with the app's own client.
    files: ['src/server/**/*.test.ts'],
    layer: 'server',
    also: ['jmap'],
  },
];

const ROOT = import.meta.dirname;
const SRC_DIRS = fs
  .readdirSync(`${ROOT}/src`, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
for (const dir of SRC_DIRS) {
  if (!(dir in LAYERS)) throw new Error(`eslint.config.js: src/${dir} has no entry in LAYERS (which folders may it import?)`);
}
const PACKAGE_DIRS = fs
  .readdirSync(`${ROOT}/packages`, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
for (const dir of PACKAGE_DIRS) {
  if (!(dir in PACKAGES)) throw new Error(`eslint.config.js: packages/${dir} has no entry in PACKAGES (which packages may it import?)`);
}

/** A package's entry files: the targets of its package.json "exports". */
function entries(name) {
  const { exports } = JSON.parse(fs.readFileSync(`${ROOT}/packages/${name}/package.json`, 'utf8'));
  return Object.values(exports).map((file) => file.replace(/^\.\//, ''));
}

/** Zones that keep a file outside packages/<own> to the entry files of every other package. */
function entryZones(own) {
  return PACKAGE_DIRS.filter((name) => name !== own).map((name) => ({
    target: '.',
    from: `packages/${name}`,
    except: entries(name),
    message: `packages/${name} is imported only by its entry files, ${entries(name).join(', ')} (its package.json "exports"; eslint.config.js PACKAGES).`,
  }));
}

/** The zones for a file of packages/<name>: nothing of src/, scripts/, e2e/, only its PACKAGES. */
function packageZones(name) {
  const allowed = [name, ...PACKAGES[name]];
  const others = PACKAGES[name].length ? `only packages/${PACKAGES[name].join(', packages/')}` : 'nothing else of ours';
  const message = `packages/${name} imports ${others} (eslint.config.js PACKAGES).`;
  return [
    ...['src', 'testing', 'scripts', 'e2e'].map((from) => ({ target: '.', from, message })),
    { target: '.', from: 'packages', except: allowed, message },
    ...entryZones(name),
  ];
}

/** The no-restricted-paths zones for a file of src/<layer> that may import `allowed`. */
function zones(layer, allowed) {
  const outside = ['scripts', 'e2e', 'testing', 'packages'];
  const names = allowed.map((a) => (outside.includes(a.split('/')[0]) ? a : `src/${a}`)).join(', ');
  const message = `${allowed.length ? `src/${layer} may import only ${names}` : `src/${layer} imports nothing else of ours`} (README, Architecture; eslint.config.js LAYERS).`;
  const forbidden = [...SRC_DIRS.filter((d) => d !== layer).map((d) => `src/${d}`), ...outside];
  return forbidden
    .flatMap((from) => {
      const name = from.replace(/^src\//, '');
      if (allowed.includes(name)) return [];
      const except = allowed.filter((a) => a.startsWith(`${name}/`)).map((a) => a.slice(name.length + 1));
      return [{ target: '.', from, ...(except.length ? { except } : {}), message }];
    })
    .concat(entryZones(null));
}

const restrictZones = (zoneList) => ({ 'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: zoneList }] });
const restrict = (layer, allowed) => restrictZones(zones(layer, allowed));

/** Test files (unit and engine tests): they, and only they, may import testing/ and the demo server as well. */
const TESTS = '**/*.test.{ts,tsx}';
/**
 * One entry of LAYERS or EXCEPTIONS as two configs: its product files, and its test files
 * with testing/ added (a sub-array of `files` means "matches all of these").
 */
const layered = (files, layer, allowed) => [
  { files, ignores: [TESTS], rules: restrict(layer, allowed) },
  { files: files.map((f) => [f, TESTS]), rules: restrict(layer, [...allowed, 'testing', 'packages/demo-server']) },
];

/** testing/ drives the product (any of src/) and is used by scripts/ and e2e/, never the reverse. */
const testingZones = ['scripts', 'e2e'].map((from) => ({
  target: 'testing',
  from,
  message: 'testing/ may import src/ and itself only: scripts/ and e2e/ use it, not the reverse (testing/CONTEXT.md).',
}));

const NO_CLIENT_MESSAGE = 'src/ui asks the host (src/ui/bridge/ask.ts); only src/ui/data/session.ts (sign-in) makes a JMAP client.';
/** no-restricted-imports patterns: what would make a JMAP client in src/ui. */
const NO_JMAP_CLIENT = [
  { group: ['**/jmap/index.ts', '**/jmap', '**/jmap/'], importNames: ['connect', 'JmapClient', 'Batch'], message: NO_CLIENT_MESSAGE },
  {
    group: ['**/jmap/client.ts', '**/jmap/batch.ts', '**/jmap/http.ts', '**/jmap/session.ts', '**/jmap/blobs.ts', '**/jmap/events.ts'],
    message: NO_CLIENT_MESSAGE,
  },
];

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
  // Everywhere (scripts/, e2e/, tools, config files): packages only by their entry files.
  { files: ['**/*.{ts,tsx,js,mjs}'], rules: restrictZones(entryZones(null)) },
  ...Object.entries(LAYERS).flatMap(([layer, allowed]) => layered([`src/${layer}/**`], layer, allowed)),
  ...EXCEPTIONS.flatMap(({ files, layer, also }) => layered(files, layer, [...LAYERS[layer], ...also])),
  ...PACKAGE_DIRS.map((name) => ({ files: [`packages/${name}/**`], rules: restrictZones(packageZones(name)) })),
  { files: ['testing/**'], rules: restrictZones([...testingZones, ...entryZones(null)]) },
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
    // The settings table is read and written only through src/store/settings.ts's registry
    // (typed keys, decoders, account scope for sign-out). Naming the table in a
    // transaction's scope is fine; calling its methods outside src/store is not.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // The database is `db`, `...Db` or `mailDb()` everywhere; other objects' `settings` are not the table.
          selector:
            "MemberExpression[property.name='settings'][parent.type='MemberExpression']:matches([object.type='CallExpression'], [object.name=/(^d|D)b$/])",
          message: 'Use readSetting/writeSetting with a setting from src/store/settings.ts.',
        },
      ],
    },
  },
  {
    // The page reads from the network only through the host (src/ui/bridge/ask.ts, issue
    // 11): src/ui makes no JMAP client of its own. The one exception is src/ui/data/session.ts,
    // where signing in discovers and checks a new account. Writes are outbox intents.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/data/session.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_JMAP_CLIENT }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
