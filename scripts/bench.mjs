// `npm run bench`: every benchmark of bench/, one after the other, each in a process of its own.
// Installs what is missing and (re)builds the console when its sources are newer than apps/web/dist,
// then runs bff-throughput, bundle-size, map-render, sse-fanout, live-map, telemetry-ingest,
// series-query, placement-plan, placement-batch, placement-commit, drain-plan, commit-burst, alert-eval, alert-latency and
// alert-webhook-latency, capacity-ledger, capacity-energy, capacity-site-loss and capacity-view,
// and ends with one verdict line each.
// Figures and their reading are in BENCHMARKS.md. Exit code: 0 when every target is met.
//
//   npm run bench                      all of them
//   npm run bench -- map-render        only the named ones (any of the list above)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, ensureWebBuild, step } from './setup.mjs';
import { ROOT } from './stack.mjs';

const ALL = [
  'bff-throughput',
  'bundle-size',
  'map-render',
  'sse-fanout',
  'live-map',
  'telemetry-ingest',
  'series-query',
  'placement-plan',
  'placement-batch',
  'placement-commit',
  'drain-plan',
  'commit-burst',
  'alert-eval',
  'alert-latency',
  'alert-webhook-latency',
  'capacity-ledger',
  'capacity-energy',
  'capacity-site-loss',
  'capacity-view',
];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !ALL.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
  process.exit(2);
}
const benches = wanted.length ? ALL.filter((name) => wanted.includes(name)) : ALL;

try {
  ensurePnpm();
  ensureDependencies();
  if (benches.some((name) => ['bundle-size', 'map-render', 'live-map'].includes(name))) ensureWebBuild();
} catch (error) {
  console.error(`\n✖ ${error.message}`);
  process.exit(1);
}

const VERDICT = { 0: 'PASS', 1: 'FAIL', 2: 'COULD NOT RUN' };
const outcomes = [];
for (const name of benches) {
  step(`bench/${name}.mjs`);
  const started = Date.now();
  // Bounded: the longest (bff-throughput, two fleets) takes about two minutes on 2 cores.
  const result = spawnSync(process.execPath, [join(ROOT, 'bench', `${name}.mjs`)], { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 });
  const code = result.status ?? 2;
  outcomes.push({ name, verdict: VERDICT[code] ?? `exit ${code}`, seconds: Math.round((Date.now() - started) / 1000) });
  console.log('');
}

console.log('Benchmarks:');
for (const o of outcomes) console.log(`  ${o.name.padEnd(16)} ${o.verdict.padEnd(14)} (${o.seconds} s)`);
process.exit(outcomes.every((o) => o.verdict === 'PASS') ? 0 : 1);
