#!/usr/bin/env node
/**
 * `npm start`: build the app, then serve it and the embedded demo JMAP server on one
 * origin. The demo account is seeded on first start and kept in .cache/demo.
 * PORT (default 8790), DEMO_PROFILE (default, stalwart, james, fastmail) and DEMO_DATA
 * (default .cache/demo) and OUT_DIR (default dist) may be set.
 */
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '8790';
// OUT_DIR (default dist) lets a test build elsewhere while other tests use dist/.
const outDir = process.env.OUT_DIR ?? 'dist';
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The app did not build; see the errors above.');
  process.exit(build.status ?? 1);
}
const args = ['tsx', 'packages/demo-server/main.ts', '--port', port, '--data', process.env.DEMO_DATA ?? '.cache/demo', '--static', outDir];
if (process.env.DEMO_PROFILE) args.push('--profile', process.env.DEMO_PROFILE);
const server = spawn('npx', args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
