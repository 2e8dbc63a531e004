// Capacity ledger: every site's row (installed, committed, out of service, free, stranded, pipeline,
// in GPUs by model and MW) and its roll-ups, for 10,000 sites and 100,000 workloads, server-side.
//
//   node bench/capacity-ledger.mjs             (from the repository root; a few minutes: seeding dominates)
//
// On PGlite and on a PostgreSQL server (bench/lib/stores.mjs), with the synthetic fleet of
// bench/lib/synthetic-fleet.mjs synced into a fresh store and 100,000 running workloads inserted on its
// clusters (1–8 GPUs each). Timed side by side in the same process, 20 runs each after 3 to warm up:
//   held          CapacityService.ledger({ groupBy: 'country' }) as GET /v1/capacity/ledger calls it,
//                 nothing changed since the last read: the fleet version and the audit head (two
//                 one-row reads), the rows and roll-up kept (capacity/ledger-memo.ts);
//   after commit  the same, each run just after one more workload committed on a site (inserted with
//                 the audit head moved, as an audited commit does; untimed): the reservation summaries
//                 the database keeps (migration 013, a few thousand rows) read again, the changed site's
//                 row rebuilt, the roll-up summed again;
//   cold          a new CapacityService each run (on the same FleetService, whose view is per fleet
//                 version): every reservation read and every row built, nothing kept;
//   compute       the arithmetic alone (ledgerRows + rollUpLedger by country, bloc and network) on the
//                 same reads, in memory;
//   baseline      a plain sum over the same arrays: Σ installed GPUs and Σ reserved GPUs per site, in
//                 one loop — the least any ledger must do. Each figure is printed as a ratio to it.
// Target: held and after-commit p95 ≤ 100 ms on both stores. Ends with a BENCH_RESULT {json} line; exit
// 0 when met, 1 otherwise, 2 if it could not run. BENCH_SITES / BENCH_WORKLOADS shrink it for a smoke run.
import { machineLine, table } from './lib/common.mjs';
import { analyze, benchCapacityService, controlPlaneModule, openFleetStore, shared } from './lib/control-plane-store.mjs';
import { onBothStores } from './lib/stores.mjs';
import { syntheticFleet } from './lib/synthetic-fleet.mjs';
import { ratio, rounded, three, timed } from './lib/timing.mjs';

const { ledgerRows } = await controlPlaneModule('capacity/ledger.ts');
const { readBlocs } = await controlPlaneModule('capacity/capacity-store.ts');
const { readUsage } = await controlPlaneModule('placement/workload-store.ts');

const SITES = Number(process.env.BENCH_SITES ?? 10_000);
const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 100_000);
const TARGET_P95_MS = 100;

/** 100,000 running workloads spread over every cluster, in one statement. */
const SEED_WORKLOADS = `
WITH c AS (SELECT site_id, gpu_model, kw_per_gpu, row_number() OVER (ORDER BY site_id, id) - 1 AS rn FROM clusters)
INSERT INTO workloads (id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw, request, created_at, updated_at)
SELECT 'wl-bench-' || g, 'bench', 'tenant-' || (g % 20), 'training', 'commercial', 'internal', 'MA', 'running', c.site_id, c.gpu_model,
       1 + g % 8, (1 + g % 8) * c.kw_per_gpu, '{}'::jsonb, now(), now()
  FROM generate_series(0, $1::int - 1) g
  JOIN c ON c.rn = g % (SELECT count(*) FROM clusters)`;

/** One more running workload on the n-th cluster, with the audit head moved in the same transaction (as every audited commit). */
const COMMIT_ONE = `
WITH c AS (SELECT site_id, gpu_model, kw_per_gpu FROM clusters ORDER BY site_id, id OFFSET $2::int LIMIT 1),
     w AS (INSERT INTO workloads (id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw, request, created_at, updated_at)
           SELECT $1, 'bench', 'tenant-0', 'training', 'commercial', 'internal', 'MA', 'running', c.site_id, c.gpu_model, 1, c.kw_per_gpu, '{}'::jsonb, now(), now() FROM c)
UPDATE audit_head SET seq = seq + 1`;

async function measure(kind, options) {
  const started = performance.now();
  const db = await openFleetStore(options, syntheticFleet(SITES), `bench-${SITES}`);
  try {
    await db.query(SEED_WORKLOADS, [WORKLOADS]);
    await analyze(db, 'workloads');
    const seededSeconds = (performance.now() - started) / 1000;

    const { fleet, service } = benchCapacityService(db);
    const check = await service.ledger({ groupBy: 'network' });
    const net = check.rows[0];
    if (net.gpus.committed < WORKLOADS) throw new Error(`expected at least ${WORKLOADS} GPUs committed, the ledger says ${net.gpus.committed}`);

    const view = await fleet.current();
    const [blocsOf, usage] = await Promise.all([readBlocs(db), readUsage(db)]);
    const input = { sites: view.sites, blocsOf, usage, liveStatus: () => undefined, measures: () => ({}), typicalGpus: 4, now: new Date() };
    const byCountry = () => service.ledger({ groupBy: 'country' });
    const held = await timed(byCountry);
    const clusters = (await db.query('SELECT count(*)::int AS n FROM clusters')).rows[0].n;
    let commits = 0;
    const commitOne = () => db.transaction((tx) => tx.query(COMMIT_ONE, [`wl-bench-commit-${commits}`, (commits++ * 7919) % clusters]));
    const afterCommit = await timed(byCountry, { before: commitOne });
    const after = await service.ledger({ groupBy: 'network' });
    if (after.rows[0].gpus.committed !== net.gpus.committed + commits)
      throw new Error(`after ${commits} commits of 1 GPU the ledger says ${after.rows[0].gpus.committed} committed, not ${net.gpus.committed + commits}`);
    const cold = await timed(() => benchCapacityService(db, { fleet }).service.ledger({ groupBy: 'country' }));
    const compute = await timed(() => {
      const rows = ledgerRows(input);
      for (const g of ['country', 'bloc', 'network']) shared.rollUpLedger(rows, g);
    });
    let checksum = 0;
    const baseline = await timed(() => {
      let installed = 0;
      let reserved = 0;
      for (const site of view.sites) {
        for (const c of site.clusters) installed += c.gpuCount;
        const u = usage.get(site.id);
        if (u) for (const m in u.gpus) reserved += u.gpus[m];
      }
      checksum = installed - reserved;
    });
    return { kind, seededSeconds, committed: net.gpus.committed, installed: net.gpus.installed, checksum, held, afterCommit, cold, compute, baseline };
  } finally {
    await db.close();
  }
}

console.log(`capacity ledger — ${machineLine()}`);
console.log(`${SITES.toLocaleString('en')} sites, ${WORKLOADS.toLocaleString('en')} running workloads; 20 runs after 3 warm-up\n`);
const results = await onBothStores('capacity-ledger', measure);

const MEASURES = ['held', 'afterCommit', 'cold', 'compute', 'baseline'];
console.log(
  table([
    ['store', 'measure', 'p50 / p95 / max', 'CPU p50', '× baseline (p50)'],
    ...results.flatMap((r) => MEASURES.map((m) => [r.kind, m, three(r[m]), `${r[m].cpuP50.toFixed(1)} ms`, ratio(r[m], r.baseline)])),
  ]),
);
const meets = (r) => r.held.p95 <= TARGET_P95_MS && r.afterCommit.p95 <= TARGET_P95_MS;
for (const r of results) {
  console.log(
    `${r.kind}: ${r.installed.toLocaleString('en')} GPUs installed, ${r.committed.toLocaleString('en')} committed (seeded in ${r.seededSeconds.toFixed(0)} s); the ledger p95 ${r.held.p95.toFixed(1)} ms held, ${r.afterCommit.p95.toFixed(1)} ms after a commit — ${meets(r) ? 'meets' : 'MISSES'} the target of ${TARGET_P95_MS} ms`,
  );
}
const pass = results.length === 2 && results.every(meets);
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'capacity-ledger', pass, sites: SITES, workloads: WORKLOADS, targetP95Ms: TARGET_P95_MS, results: results.map((r) => ({ kind: r.kind, ...Object.fromEntries(MEASURES.map((m) => [m, rounded(r[m])])) })) })}`,
);
process.exit(pass ? 0 : 1);
