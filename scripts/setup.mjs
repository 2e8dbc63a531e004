// Installs what a fresh clone lacks: pnpm, the workspace's dependencies, the built console.
// Each step says what it does; each is skipped when already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack.mjs';

export function step(message) {
  console.log(`\x1b[36m▸\x1b[0m ${message}`);
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed${result.status === null ? ` (signal ${result.signal})` : ` (exit ${result.status})`}`);
  }
}

function has(cmd, args = ['--version']) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensurePnpm() {
  if (has('pnpm')) return;
  step('pnpm is missing: installing it with npm i -g pnpm');
  try {
    run('npm', ['i', '-g', 'pnpm@12']);
  } catch {
    throw new Error('could not install pnpm globally; install it yourself (npm i -g pnpm) and run the command again');
  }
}

export function ensureDependencies() {
  // --frozen-lockfile: a fresh clone gets exactly the versions the lockfile records.
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lock = join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile'], { env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' } });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the web console when its sources (or the shared contract) are newer than the build. */
export function ensureWebBuild({ force = false } = {}) {
  const built = join(ROOT, 'apps/web/dist/index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'apps/web')), newestMtime(join(ROOT, 'packages/shared/src')));
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources) return;
  step('building the web console (vite build)');
  run('pnpm', ['--filter', '@corridor/web', 'run', 'build']);
}
