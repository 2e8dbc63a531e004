// `npm test`: installs what is missing (pnpm, dependencies, Chromium, PostgreSQL), then runs every test:
// type checks, the linter and the formatter check, unit and integration tests (on PGlite and on a
// PostgreSQL server), and e2e in Chromium.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, ensureWebBuild, run, step } from './setup.mjs';
import { findPostgresBin } from './postgres-server.mjs';
import { ROOT } from './stack.mjs';

const isRoot = process.getuid?.() === 0;
const CHROMIUM = process.env.CORRIDOR_CHROMIUM ?? '/usr/bin/chromium';
let aptUpdated = false;

function aptInstall(pkg, why) {
  if (!isRoot) {
    throw new Error(`${why} is missing. Install it (as root: apt-get install -y ${pkg}) and run npm test again.`);
  }
  if (!aptUpdated) {
    step('apt-get update');
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  step(`installing ${why}: apt-get install -y ${pkg}`);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const out = join(ROOT, 'test-results');
const results = [];

function record(name, file, pick) {
  try {
    results.push({ name, ...pick(JSON.parse(readFileSync(file, 'utf8'))) });
  } catch {
    results.push({ name, passed: 0, failed: 1, skipped: 0 });
  }
}

let failed = false;
const lint = [];
try {
  ensurePnpm();
  ensureDependencies();
  if (!existsSync(CHROMIUM)) aptInstall('chromium', 'Chromium (for the e2e tests and benchmarks)');
  if (!findPostgresBin()) aptInstall('postgresql', 'a PostgreSQL server (the store tests run on PGlite and on PostgreSQL)');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // Two packages at a time: tsc is single-threaded and CI has two cores (24 GB: memory is no limit).
  step('type-checking every package');
  run('pnpm', ['-r', '--workspace-concurrency=2', 'run', 'typecheck']);

  // The lint holds the architecture (no import cycles, layer and feature boundaries), so it fails the run;
  // the tests still run after it, so one run shows everything that is wrong. `npm run lint` runs both alone.
  // Cycles are dpdm's alone: it follows type imports too, and ESLint's import-x/no-cycle cost two thirds of its time.
  step('lint: ESLint (layer and feature boundaries), dpdm (import cycles, type imports included), then Prettier --check');
  for (const [name, script] of Object.entries({ eslint: 'lint:code', dpdm: 'lint:cycles', prettier: 'lint:format' })) {
    try {
      run('pnpm', ['run', '--silent', script]);
      lint.push(`${name} ok`);
    } catch {
      lint.push(`${name} FAILED`);
      failed = true;
    }
  }

  step('unit and integration tests (vitest, PGlite and PostgreSQL)');
  try {
    run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest.json')}`]);
  } catch {
    failed = true;
  }
  record('unit + integration', join(out, 'vitest.json'), (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }));

  ensureWebBuild();
  step('end-to-end tests (Playwright in Chromium against the real stack)');
  try {
    run('pnpm', ['--filter', '@corridor/e2e', 'exec', 'playwright', 'test'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, 'e2e.json') } });
  } catch {
    failed = true;
  }
  record('e2e', join(out, 'e2e.json'), (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped }));
} catch (error) {
  console.error(`\n✖ ${error.message}`);
  process.exit(1);
}

const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('');
if (lint.length > 0) console.log(`  lint: ${lint.join(', ')}`);
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failed || total.failed > 0 ? 1 : 0);
