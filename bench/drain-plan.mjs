// Drain dry run: every workload of one site planned off it on a 1,000-site fleet, as
// POST /v1/sites/:id/drain-plan does after its two store reads (the site's workloads, the usage).
//
//   node bench/drain-plan.mjs              (from the repository root; ~30 s)
//
// In-process, no HTTP and no store: planDrain (apps/control-plane/src/drain/drain-planner.ts) on a
// synthetic fleet (bench/lib/synthetic-fleet.mjs: H200 and B200 halls, 8 jurisdictions, half operational,
// 0–60 % of each pool held), the default policy pack, 500 workloads on the operational site with the
// most GPUs (the six requests of bench/lib/placement.mjs in turn, 8–64 GPUs each). Side by side:
//   drain      planDrain: one engine plan per workload, each with the moves before it counted on
//              their destinations (capacity effect included);
//   baseline   the same number of single planPlacement calls on the same input, nothing counted
//              between them (what 500 separate `makePlan` calls would cost, without their store reads).
// 3 warm-up runs, then 10 timed runs of each; wall clock and the process's CPU time per run.
// Target: the drain dry run ≤ 1 s (wall, p50 and max). Ends with a BENCH_RESULT {json} line; exit 0
// when met, 1 otherwise, 2 if it could not run.
import { register } from 'tsx/esm/api';
import { machineLine, table } from './lib/common.mjs';
import { planFleet, planPlacement, policy, REQUEST_MIX, seededLive, seededUsage } from './lib/placement.mjs';
import { ratio, timed } from './lib/timing.mjs';
import { runningWorkload } from './lib/workloads.mjs';

register();
const { planDrain } = await import(new URL('../apps/control-plane/src/drain/drain-planner.ts', import.meta.url).href);

const SITES = 1000;
const WORKLOADS = 500;
const WARMUP = 3;
const RUNS = 10;
const TARGET_MS = 1000;
const AT = new Date(Date.UTC(2026, 5, 21, 12, 0, 0));

function workloadsOn(siteId) {
  return Array.from({ length: WORKLOADS }, (_, i) => {
    const base = REQUEST_MIX[i % REQUEST_MIX.length];
    const request = { ...base, name: `bench ${i}`, gpus: { ...base.gpus, count: 8 * (1 + (i % 8)) } };
    const at = new Date(AT.getTime() - (WORKLOADS - i) * 60_000).toISOString();
    return runningWorkload(i, request, { siteId, powerKw: request.gpus.count * 1.3, at });
  });
}

console.log(`drain dry run — ${machineLine()}`);
let result;
try {
  const fleet = planFleet(SITES);
  const usage = seededUsage(fleet);
  const live = seededLive(fleet);
  const gpusOf = (s) => s.clusters.reduce((n, c) => n + c.gpuCount, 0);
  const source = fleet.sites.filter((s) => s.status === 'operational').sort((a, b) => gpusOf(b) - gpusOf(a))[0];
  const workloads = workloadsOn(source.id);
  const input = { siteId: source.id, fleet, usage, live, policy, at: AT };
  const drain = await timed(() => planDrain(input, workloads), { warmup: WARMUP, runs: RUNS });
  const baseline = await timed(() => workloads.map((w) => planPlacement({ request: w.request, fleet, usage, live, policy, at: AT, exclude: new Set([source.id]) })), { warmup: WARMUP, runs: RUNS });
  const moves = drain.last.moves;
  result = {
    source: source.id,
    links: fleet.links.length,
    moved: moves.filter((m) => m.to !== null).length,
    blocked: moves.filter((m) => m.to === null).length,
    destinations: new Set(moves.map((m) => m.to).filter(Boolean)).size,
    drain,
    baseline,
  };
} catch (error) {
  console.error(`could not run: ${error.stack ?? error}`);
  console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'drain-plan', pass: false, couldNotRun: true })}`);
  process.exit(2);
}

const ms = (n) => `${n.toFixed(0)} ms`;
console.log(`fleet ${SITES.toLocaleString('en')} sites, ${result.links.toLocaleString('en')} links; drained site ${result.source}; ${WORKLOADS} workloads; policy ${policy.version}\n`);
console.log(
  table([
    ['run', 'wall p50 / max', 'CPU p50', '× baseline (p50)', 'per workload (p50)', 'moves / blocked / destinations'],
    [
      'drain dry run (planDrain)',
      `${ms(result.drain.p50)} / ${ms(result.drain.max)}`,
      ms(result.drain.cpuP50),
      ratio(result.drain, result.baseline),
      `${(result.drain.p50 / WORKLOADS).toFixed(2)} ms`,
      `${result.moved} / ${result.blocked} / ${result.destinations}`,
    ],
    ['baseline: 500 single plans', `${ms(result.baseline.p50)} / ${ms(result.baseline.max)}`, ms(result.baseline.cpuP50), '1.0 ×', `${(result.baseline.p50 / WORKLOADS).toFixed(2)} ms`, '—'],
  ]),
);
const pass = result.drain.max <= TARGET_MS;
console.log(`\n${pass ? 'PASS' : 'FAIL'}: drain dry run of ${WORKLOADS} workloads on ${SITES.toLocaleString('en')} sites, max ${ms(result.drain.max)} (target ≤ ${TARGET_MS} ms)`);
const r = (t) => ({ p50Ms: Math.round(t.p50), maxMs: Math.round(t.max), cpuP50Ms: Math.round(t.cpuP50) });
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'drain-plan', pass, sites: SITES, workloads: WORKLOADS, moved: result.moved, blocked: result.blocked, drain: r(result.drain), baseline: r(result.baseline) })}`,
);
process.exit(pass ? 0 : 1);
