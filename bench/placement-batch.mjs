// Batch what-if: place 1,000 workloads one after the other on a synthetic fleet, each placement
// holding its GPUs and power before the next is planned, with the engine's top candidate against a
// greedy first-fit baseline, in the same run on the same workloads.
//
//   node bench/placement-batch.mjs             (from the repository root; ~1 minute)
//
//   engine      commit each workload to the plan's rank-1 candidate (best score: latency, carbon,
//               cost and a best-fit capacity part, under the default weights).
//   first-fit   commit each workload to the first site in fleet order that the same plan finds lawful
//               and with room (the same policy, status, GPU, power and latency checks; no scoring).
// Workloads (seeded): origins MA 35 %, FR/ES 30 %, US 15 %, SN/CI/GH/NG 20 %; personal, internal and
// state-sensitive data in sectors the default policy governs; 8–2,048 GPUs (median 128), a model asked
// for in half of them, a latency objective from a city of the origin in 40 %.
// Reported per strategy:
//   total score   Σ over placed workloads of the site's score (0–1) under the default weights
//   stranded GPUs (a) GPUs asked for by workloads that found no site, plus (b) free GPUs left on
//                 operational sites in pools (one site, one model) smaller than the median request —
//                 fragments too small for a typical workload.
//   engine, capacity weight only   the engine with weights { capacity: 1 }: pure best fit, to show
//                 what the capacity part alone does. Every strategy's placements are scored under the
//                 default weights, so the totals compare.
// No target (the issue asks for the comparison): ends with a BENCH_RESULT {json} line; exit code 0
// when it ran, 2 if it could not run.
import { machineLine, table } from './lib/common.mjs';
import { buildRequest, DEFAULT_WEIGHTS, mulberry32, planFleet, planPlacement, policy } from './lib/placement.mjs';

const SITES = 200;
const WORKLOADS = 1000;
const AT = new Date(Date.UTC(2026, 5, 21, 12, 0, 0));
const SIZES = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];
const SIZE_WEIGHTS = [14, 14, 14, 14, 12, 10, 10, 7, 5];
const ORIGINS = [
  { origin: 'MA', share: 35, cities: ['Casablanca', 'Rabat', 'Tangier'] },
  { origin: 'FR', share: 15, cities: ['Paris', 'Marseille'] },
  { origin: 'ES', share: 15, cities: ['Madrid', 'Barcelona'] },
  { origin: 'US', share: 15, cities: ['New York', 'Ashburn'] },
  { origin: 'SN', share: 5, cities: ['Dakar'] },
  { origin: 'CI', share: 5, cities: ['Abidjan'] },
  { origin: 'GH', share: 5, cities: ['Accra'] },
  { origin: 'NG', share: 5, cities: ['Lagos', 'Abuja'] },
];
const PROFILES = [
  { sector: 'healthcare', dataClass: 'personal' },
  { sector: 'finance', dataClass: 'personal' },
  { sector: 'commercial', dataClass: 'internal' },
  { sector: 'research', dataClass: 'internal' },
  { sector: 'government', dataClass: 'state-sensitive' },
  { sector: 'energy', dataClass: 'internal' },
];

const pick = (random, items, weights = items.map(() => 1)) => {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items.at(-1);
};

function workloads(seed = 42) {
  const random = mulberry32(seed);
  return Array.from({ length: WORKLOADS }, (_, i) => {
    const { origin, cities } = pick(
      random,
      ORIGINS,
      ORIGINS.map((o) => o.share),
    );
    const model = pick(random, ['H200', 'B200', undefined, undefined]);
    const latency = random() < 0.4 ? { from: pick(random, cities), maxRttMs: 20 + Math.floor(random() * 41) } : undefined;
    return buildRequest({
      name: `batch ${i + 1}`,
      ...pick(random, PROFILES),
      dataOrigin: origin,
      gpus: { count: pick(random, SIZES, SIZE_WEIGHTS), ...(model ? { model } : {}) },
      ...(latency ? { latency } : {}),
    });
  });
}

/** Places every workload in order with `choose(plan)`; answers what it placed, the score and what is left. */
function run(fleet, requests, choose, weights) {
  const usage = new Map();
  const order = new Map(fleet.sites.map((s, i) => [s.id, i]));
  let totalScore = 0;
  let placed = 0;
  let unplacedGpus = 0;
  const started = performance.now();
  for (const asked of requests) {
    const request = weights ? { ...asked, weights } : asked;
    const plan = planPlacement({ request, fleet, usage, live: new Map(), policy, at: AT });
    const chosen = plan.candidates.length ? choose(plan.candidates, order) : undefined;
    if (!chosen) {
      unplacedGpus += request.gpus.count;
      continue;
    }
    const held = usage.get(chosen.siteId) ?? { gpus: {}, powerKw: 0 };
    held.gpus[chosen.gpuModel] = (held.gpus[chosen.gpuModel] ?? 0) + request.gpus.count;
    held.powerKw += chosen.powerKw;
    usage.set(chosen.siteId, held);
    totalScore += defaultScore(chosen, asked);
    placed++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { placed, totalScore, unplacedGpus, usage, seconds };
}

/** Free GPUs on operational sites in pools smaller than `threshold` (but not empty). */
function fragmentGpus(fleet, usage, threshold) {
  let stranded = 0;
  for (const site of fleet.sites.filter((s) => s.status === 'operational')) {
    const installed = {};
    for (const c of site.clusters) installed[c.gpuModel] = (installed[c.gpuModel] ?? 0) + c.gpuCount;
    for (const [model, count] of Object.entries(installed)) {
      const free = count - (usage.get(site.id)?.gpus[model] ?? 0);
      if (free > 0 && free < threshold) stranded += free;
    }
  }
  return stranded;
}

/** What each strategy commits to; all are scored afterwards under the default weights, so totals compare. */
const STRATEGIES = [
  { name: 'engine', choose: (candidates) => candidates[0] },
  { name: 'first-fit', choose: (candidates, order) => candidates.reduce((first, c) => (order.get(c.siteId) < order.get(first.siteId) ? c : first)) },
  { name: 'engine, capacity weight only', weights: { latency: 0, carbon: 0, cost: 0, capacity: 1 }, choose: (candidates) => candidates[0] },
];

/** The candidate's score under the default weights (latency unweighted without an objective), from its parts. */
function defaultScore(candidate, request) {
  const w = { ...DEFAULT_WEIGHTS, ...(request.latency ? {} : { latency: 0 }) };
  const total = w.latency + w.carbon + w.cost + w.capacity;
  return Object.entries(w).reduce((sum, [part, weight]) => sum + (candidate.parts[part].score * weight) / total, 0);
}

let results;
let fleet;
let median;
try {
  fleet = planFleet(SITES);
  const requests = workloads();
  const counts = requests.map((r) => r.gpus.count).sort((a, b) => a - b);
  median = counts[Math.floor(counts.length / 2)];
  results = STRATEGIES.map(({ name, choose, weights }) => {
    const r = run(fleet, requests, choose, weights);
    const fragments = fragmentGpus(fleet, r.usage, median);
    return { name, ...r, fragments, stranded: r.unplacedGpus + fragments };
  });
  const operational = fleet.sites.filter((s) => s.status === 'operational');
  const capacity = operational.reduce((n, s) => n + s.gpuCount, 0);
  console.log(`placement batch — ${machineLine()}`);
  console.log(
    `${SITES} synthetic sites (${operational.length} operational, ${capacity.toLocaleString('en')} GPUs); ${WORKLOADS} workloads asking ${counts.reduce((a, b) => a + b, 0).toLocaleString('en')} GPUs (median ${median}); policy ${policy.version}\n`,
  );
} catch (error) {
  console.error(`could not run: ${error.stack ?? error}`);
  console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'placement-batch', pass: false, couldNotRun: true })}`);
  process.exit(2);
}

const n = (x) => x.toLocaleString('en');
console.log(
  table([
    ['strategy', 'placed', 'total score', 'mean score', 'GPUs unplaced (a)', `GPUs in fragments < ${median} (b)`, 'stranded (a + b)', 'time'],
    ...results.map((r) => [
      r.name,
      `${r.placed} / ${WORKLOADS}`,
      r.totalScore.toFixed(1),
      (r.totalScore / Math.max(1, r.placed)).toFixed(3),
      n(r.unplacedGpus),
      n(r.fragments),
      n(r.stranded),
      `${r.seconds.toFixed(1)} s`,
    ]),
  ]),
);
const [engine, firstFit] = results;
const better = (ours, theirs, higherIsBetter) => (ours === theirs ? 'same' : ours > theirs === higherIsBetter ? 'better' : 'worse');
console.log(
  `\nengine vs first-fit (a comparison, no target): total score ${engine.totalScore.toFixed(1)} vs ${firstFit.totalScore.toFixed(1)} (× ${(engine.totalScore / firstFit.totalScore).toFixed(2)}, ${better(engine.totalScore, firstFit.totalScore, true)}); ` +
    `mean score ${(engine.totalScore / engine.placed).toFixed(3)} vs ${(firstFit.totalScore / firstFit.placed).toFixed(3)}; ` +
    `stranded GPUs ${n(engine.stranded)} vs ${n(firstFit.stranded)} (${better(engine.stranded, firstFit.stranded, false)})`,
);
const summary = results.map((r) => ({
  strategy: r.name,
  placed: r.placed,
  totalScore: Math.round(r.totalScore * 10) / 10,
  unplacedGpus: r.unplacedGpus,
  fragmentGpus: r.fragments,
  strandedGpus: r.stranded,
}));
console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'placement-batch', pass: true, sites: SITES, workloads: WORKLOADS, medianGpus: median, results: summary })}`);
