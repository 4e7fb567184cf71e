#!/usr/bin/env node
/**
 * The whole test suite, in the order a failure is cheapest to find:
 * system packages -> typecheck -> lint -> unused -> unit -> engine (Cyrus, demo server) -> e2e.
 * Every step runs even when an earlier one failed, so one run shows every problem.
 * Prints each step's wall time and, last, a plain "N passed, N failed" line that counts
 * every vitest test of every step.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const reports = '.tmp/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const vitest = (name, project, env = {}, paths = []) => ({
  name,
  cmd: 'npx',
  args: [
    'vitest',
    'run',
    '--project',
    project,
    ...paths,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, name + '.json')}`,
  ],
  env,
  report: join(reports, name + '.json'),
});

const only = process.argv.slice(2);
const steps = [
  { name: 'system-packages', cmd: 'bash', args: ['scripts/ensure-system-deps.sh'] },
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.', '--max-warnings=0'] },
  // Layout (.prettierrc.json): \`npm run format\` fixes what this finds.
  { name: 'format', cmd: 'npx', args: ['prettier', '--check', '.'] },
  // Unused files, exports and dependencies (knip.json); a few seconds.
  { name: 'unused', cmd: 'npx', args: ['knip'] },
  vitest('unit', 'unit'),
  vitest('engine-cyrus', 'engine-cyrus'),
  vitest('engine-demo', 'engine-demo'),
  // The sync, host and outbox scenarios again under each imitated server
  // (packages/demo-server/profiles.ts): their limits, missing methods, push and auth quirks.
  // The three profiles at once: each has its own demo server in its own process, and
  // their tests mostly wait (poll intervals, Retry-After): about 140 s less wall time.
  ...['stalwart', 'james', 'fastmail'].map((profile) => ({
    ...vitest(`engine-demo-${profile}`, 'engine-demo', { DEMO_PROFILE: profile }, ['src/sync', 'src/host', 'src/outbox']),
    together: 'profiles',
  })),
  { name: 'build', cmd: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
  vitest('e2e', 'e2e'),
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
// CI shows only the tail of the output: the failing tests are named again there.
const failures = [];
/** The first line of a failure message, without the terminal's colour codes. */
// eslint-disable-next-line no-control-regex -- those codes start with ESC
const COLOUR_CODES = /\x1b\[[0-9;]*m/g;
const firstLine = (message) =>
  String(message ?? '')
    .split('\n')[0]
    .replace(COLOUR_CODES, '')
    .slice(0, 200);
/** Runs a step with its output in a file (for steps run together), resolving with its exit status. */
function runQuietly(step) {
  const log = join(reports, step.name + '.log');
  return new Promise((resolve) => {
    const out = createWriteStream(log);
    const child = spawn(step.cmd, step.args, { env: { ...process.env, ...step.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('close', (status, signal) => out.end(() => resolve({ status, signal, log })));
  });
}

/** Counts a finished step's tests and failures into the summary. */
function record(step, r, seconds) {
  const ok = r.status === 0;
  let counts = '';
  if (step.report) {
    try {
      const j = JSON.parse(readFileSync(step.report, 'utf8'));
      passed += j.numPassedTests;
      failed += j.numFailedTests;
      skipped += j.numPendingTests + (j.numTodoTests ?? 0);
      counts = ` ${j.numPassedTests} passed, ${j.numFailedTests} failed`;
      for (const file of j.testResults ?? []) {
        // A file whose setup failed has no failed test (they are skipped): name the file.
        if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
          failures.push(`  ${step.name}: ${relative(process.cwd(), file.name)} (its setup failed)\n      ${firstLine(file.message)}`);
          failed += 1;
        }
        for (const t of file.assertionResults ?? []) {
          if (t.status !== 'failed') continue;
          failures.push(
            `  ${step.name}: ${relative(process.cwd(), file.name)} > ${t.fullName ?? t.title}\n      ${firstLine(t.failureMessages?.[0])}`,
          );
        }
      }
      // A step that ran no test is a failure: it proves nothing.
      if (j.numTotalTests === 0) {
        failed += 1;
        counts += ' (ran no test)';
      }
    } catch {
      failed += 1;
      counts = ' (no report: the runner did not finish)';
    }
  } else if (!ok) {
    failed += 1;
  }
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(16)} ${seconds.padStart(6)} s${counts}`);
  if (!ok && step.report === undefined) summary[summary.length - 1] += ` (exit ${r.status ?? r.signal})`;
}

const started = Date.now();
for (let i = 0; i < steps.length;) {
  const step = steps[i];
  const group = step.together ? steps.slice(i).filter((s, k) => k === 0 || s.together === step.together) : [step];
  i += group.length;
  const t0 = Date.now();
  if (group.length === 1) {
    console.log(`\n=== ${step.name} ===`);
    const r = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
    record(step, r, ((Date.now() - t0) / 1000).toFixed(1));
    continue;
  }
  console.log(`\n=== ${group.map((s) => s.name).join(' + ')} (together) ===`);
  const results = await Promise.all(group.map(runQuietly));
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  group.forEach((s, k) => {
    console.log(`\n=== ${s.name} ===`);
    process.stdout.write(readFileSync(results[k].log, 'utf8'));
    record(s, results[k], seconds);
  });
}
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
if (failures.length > 0) console.log(`failed tests:\n${failures.join('\n')}`);
console.log(`total wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
const anyStepFailed = summary.some((l) => l.startsWith('FAIL'));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(anyStepFailed || failed > 0 ? 1 : 0);
