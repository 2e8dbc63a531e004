// Helpers shared by the benchmark scripts: child processes, numbers, formatting, machine facts.
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** Runs `node <script> <args…>` as a child and answers its stdout parsed as JSON (last line). */
export function runNodeJson(script, args, { timeoutMs = 120_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const unregister = onSignal(() => child.kill('SIGKILL'));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      unregister();
      if (code !== 0) return reject(new Error(`${script} exited with ${code ?? signal}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)));
      } catch (error) {
        reject(new Error(`${script} printed no JSON: ${out.slice(0, 200)}`));
      }
    });
  });
}

export const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line naming the machine, for the figures to be read against. */
export function machineLine() {
  const c = cpus();
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `${c.length} × ${c[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}; load average before start ${load}`;
}

/** Pads cells into an aligned text table. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')).join('\n');
}

const cleanups = new Set();
let signalled = false;
/** Registers a cleanup to run if the benchmark is stopped by SIGINT/SIGTERM; answers its unregister. */
export function onSignal(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${signal}: stopping the servers this benchmark started`);
    await Promise.allSettled([...cleanups].map((fn) => fn()));
    process.exit(130);
  });
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
export const VIEWPORT = { width: 1440, height: 900 };
