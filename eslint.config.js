import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Imports flow one way: ui -> store/outbox -> sync -> jmap. host wires store, outbox, sync
 * and jmap together into a running engine; sw hosts it (pages, as a fallback, too); server (the demo JMAP server and the app server) is node-only and
 * shares nothing with the app but JMAP wire types.
 */
const layer = (name) => [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`];
const forbid = (...names) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: names.flatMap(layer),
          message: 'Imports flow one way: ui -> store/outbox -> sync -> jmap (see README, Architecture).',
        },
      ],
    },
  ],
});

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
  { files: ['src/jmap/**'], rules: forbid('sync', 'store', 'outbox', 'host', 'ui', 'sw', 'server', 'sanitize') },
  { files: ['src/sync/**'], rules: forbid('store', 'outbox', 'host', 'ui', 'sw', 'server', 'sanitize') },
  { files: ['src/store/**'], rules: forbid('outbox', 'host', 'ui', 'sw', 'server', 'sanitize') },
  { files: ['src/outbox/**'], rules: forbid('host', 'ui', 'sw', 'server', 'sanitize') },
  // host runs the engine and the flusher; the service worker and (as a fallback) pages use it.
  { files: ['src/host/**'], rules: forbid('ui', 'sw', 'server', 'sanitize') },
  { files: ['src/sanitize/**'], rules: forbid('jmap', 'sync', 'store', 'outbox', 'host', 'ui', 'sw', 'server') },
  { files: ['src/ui/**'], rules: forbid('sw', 'server') },
  { files: ['src/sw/**'], rules: forbid('ui', 'server', 'sanitize') },
  { files: ['src/server/**'], rules: forbid('sync', 'store', 'outbox', 'host', 'ui', 'sw', 'sanitize') },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
