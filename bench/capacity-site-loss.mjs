// N-1 on the real fleet: what losing its largest site would do, as POST /v1/capacity/site-loss computes
// it after its store reads (the site's workloads, the usage, the ledger's inputs).
//
//   node bench/capacity-site-loss.mjs      (from the repository root; ~20 s)
//
// In-process, no HTTP and no store: the ledger's site rows (apps/control-plane/src/capacity/ledger.ts)
// and siteLoss (apps/control-plane/src/capacity/site-loss.ts) on data/fleet.yaml with the default policy
// pack, every other site's pools 0–60 % held (bench/lib/placement.mjs), and the largest site (the
// console's default pick) holding 80 % of its GPUs in committed workloads of 8–64 GPUs whose requests
// cycle through the demand classes lawful at that site and one unregulated shape. Side by side:
//   site-loss  ledger rows + siteLoss: the drain planner's dry run of the site, then each class's lawful
//              and free GPUs and MW before and after the loss;
//   baseline   planDrain of the same site and workloads alone (POST /v1/sites/:id/drain-plan's work).
// 3 warm-up runs of both, then 10 timed runs of each; wall clock and the process's CPU time per run.
// Target: N-1 ≤ 500 ms (wall, max). Ends with a BENCH_RESULT {json} line; exit 0 when met, 1 otherwise,
// 2 if it could not run.
import { register } from 'tsx/esm/api';
import { machineLine, table } from './lib/common.mjs';
import { buildRequest, policy, seededUsage } from './lib/placement.mjs';
import { ratio, rounded, timed } from './lib/timing.mjs';
import { runningWorkload } from './lib/workloads.mjs';

register();
const src = new URL('../apps/control-plane/src/', import.meta.url);
const { planDrain } = await import(new URL('drain/drain-planner.ts', src).href);
const { siteLoss, largestSite } = await import(new URL('capacity/site-loss.ts', src).href);
const { lawfulSites } = await import(new URL('capacity/headroom.ts', src).href);
const { ledgerRows } = await import(new URL('capacity/ledger.ts', src).href);
const { demandClasses, classesOf } = await import(new URL('capacity/headroom-classes.ts', src).href);
const { siteFacts } = await import(new URL('placement/site-facts.ts', src).href);
const { defaultFleet } = await import(new URL('placement/fixtures.ts', src).href);

const WARMUP = 3;
const RUNS = 10;
const TARGET_MS = 500;
const AT = new Date(Date.UTC(2026, 5, 21, 12, 0, 0));

/** Committed workloads filling `share` of each pool of the site, requests cycling through the class shapes. */
function workloadsOn(site, shapes, share) {
  const workloads = [];
  let i = 0;
  for (const c of site.clusters) {
    let left = Math.floor(c.gpuCount * share);
    while (left >= 8) {
      const count = Math.min(left, 8 * (1 + (i % 8)));
      const shape = shapes[i % shapes.length];
      const request = buildRequest({ ...shape, conditions: [], name: `bench ${i}`, tenant: `tenant-${i % 5}`, gpus: { count, model: c.gpuModel } });
      const at = new Date(AT.getTime() - (i + 1) * 60_000).toISOString();
      workloads.push(runningWorkload(i, request, { siteId: site.id, gpuModel: c.gpuModel, powerKw: count * c.kwPerGpu, at }));
      left -= count;
      i++;
    }
  }
  return workloads;
}

console.log(`N-1 (site loss) — ${machineLine()}`);
let result;
try {
  const { file, fleet } = defaultFleet();
  const classes = demandClasses(policy.pack);
  const lost = largestSite(siteFacts(fleet.sites)).site;
  // Only what the law lets run there: the classes whose lawful sites include it, and one unregulated shape.
  const lawfulThere = classes.filter((c) => lawfulSites({ fleet, policy }, c).some((f) => f.id === lost.id));
  const shapes = [...lawfulThere.map((c) => c.shape), { sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA' }];
  const usage = seededUsage(fleet);
  const onSite = workloadsOn(lost, shapes, 0.8);
  // The site's reservations are its workloads'.
  const held = { gpus: {}, powerKw: 0 };
  for (const w of onSite) {
    held.gpus[w.gpuModel] = (held.gpus[w.gpuModel] ?? 0) + w.gpuCount;
    held.powerKw += w.powerKw;
  }
  usage.set(lost.id, held);
  const live = new Map();
  const blocsOf = new Map(file.jurisdictions.map((j) => [j.code, j.blocs]));
  const base = { fleet, usage, live, policy, at: AT };
  const ledgerOf = () => new Map(ledgerRows({ sites: fleet.sites, blocsOf, usage, liveStatus: () => undefined, measures: () => ({}), typicalGpus: 8, now: AT }).map((r) => [r.key, r]));
  const classIdsOf = (w) => classesOf(policy.pack, classes, w);
  const runLoss = () => siteLoss({ ...base, ledger: ledgerOf(), siteId: lost.id, onSite, classes, classIdsOf });
  const runBaseline = () => planDrain({ ...base, siteId: lost.id }, onSite);
  // Both warmed up before either is timed: the one measured first would otherwise pay the JIT's warm-up.
  for (let i = 0; i < WARMUP; i++) {
    runLoss();
    runBaseline();
  }
  const loss = await timed(runLoss, { warmup: 0, runs: RUNS });
  const baseline = await timed(runBaseline, { warmup: 0, runs: RUNS });
  result = { sites: fleet.sites.length, lost, workloads: onSite.length, classes: classes.length, lawfulThere: lawfulThere.map((c) => c.id), loss, baseline };
} catch (error) {
  console.error(`could not run: ${error.stack ?? error}`);
  console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'capacity-site-loss', pass: false, couldNotRun: true })}`);
  process.exit(2);
}

const ms = (n) => `${n.toFixed(1)} ms`;
const summary = result.loss.last.summary;
console.log(
  `real fleet: ${result.sites} sites (data/fleet.yaml); lost site ${result.lost.id} (${result.lost.itCapacityMw} MW, the largest); ${result.workloads} committed workloads on it; ${result.classes} demand classes, of which lawful there: ${result.lawfulThere.join(', ') || 'none'}; policy ${policy.version}\n`,
);
console.log(
  table([
    ['run', 'wall p50 / max', 'CPU p50', '× baseline (p50)', 're-placed / stranded'],
    ['N-1 (ledger rows + siteLoss)', `${ms(result.loss.p50)} / ${ms(result.loss.max)}`, ms(result.loss.cpuP50), ratio(result.loss, result.baseline), `${summary.rePlaced} / ${summary.stranded}`],
    ['baseline: drain dry run of the site', `${ms(result.baseline.p50)} / ${ms(result.baseline.max)}`, ms(result.baseline.cpuP50), '1.0 ×', '—'],
  ]),
);
const pass = result.loss.max <= TARGET_MS;
console.log(`\n${pass ? 'PASS' : 'FAIL'}: N-1 of ${result.lost.id} with ${result.workloads} workloads on the real fleet, max ${ms(result.loss.max)} (target ≤ ${TARGET_MS} ms)`);
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'capacity-site-loss', pass, sites: result.sites, site: result.lost.id, workloads: result.workloads, rePlaced: summary.rePlaced, stranded: summary.stranded, siteLoss: rounded(result.loss), baseline: rounded(result.baseline) })}`,
);
process.exit(pass ? 0 : 1);
