// Capacity ledger: every site's row (installed, committed, out of service, free, stranded, pipeline,
// in GPUs by model and MW) and its roll-ups, for 10,000 sites and 100,000 workloads, server-side.
//
//   node bench/capacity-ledger.mjs             (from the repository root; a few minutes: seeding dominates)
//
// On PGlite and on a PostgreSQL server (bench/lib/stores.mjs), with the synthetic fleet of
// bench/lib/synthetic-fleet.mjs synced into a fresh store and 100,000 running workloads inserted on its
// clusters (1–8 GPUs each). Timed side by side, 20 runs each after 3 to warm up:
//   service    CapacityService.ledger({ groupBy: 'country' }) as GET /v1/capacity/ledger calls it: the
//              store reads (fleet version, jurisdictions, reservations summed per site and model, the
//              median request) and the ledger's arithmetic and roll-up — everything but HTTP;
//   compute    the arithmetic alone (ledgerRows + rollUpLedger by country, bloc and network) on the same
//              reads, in memory;
//   baseline   a plain sum over the same arrays: Σ installed GPUs and Σ reserved GPUs per site, in one
//              loop — the least any ledger must do.
// Target: the service p95 ≤ 100 ms on both stores. Ends with a BENCH_RESULT {json} line; exit 0 when
// met, 1 otherwise, 2 if it could not run. BENCH_SITES / BENCH_WORKLOADS shrink it for a smoke run.
import { register } from 'tsx/esm/api';
import { machineLine, table } from './lib/common.mjs';
import { onBothStores } from './lib/stores.mjs';
import { syntheticFleet } from './lib/synthetic-fleet.mjs';

register();
const cp = new URL('../apps/control-plane/src/', import.meta.url);
const { openDb } = await import(new URL('../../../packages/store/src/db.ts', cp).href);
const { migrate } = await import(new URL('store/migrate.ts', cp).href);
const { syncFleet } = await import(new URL('fleet/fleet-store.ts', cp).href);
const { FleetService } = await import(new URL('fleet/fleet-service.ts', cp).href);
const { CapacityService } = await import(new URL('capacity/capacity-service.ts', cp).href);
const { ledgerRows } = await import(new URL('capacity/ledger.ts', cp).href);
const { readBlocs } = await import(new URL('capacity/capacity-store.ts', cp).href);
const { readUsage } = await import(new URL('placement/workload-store.ts', cp).href);
const { FleetFileSchema, rollUpLedger } = await import(new URL('../../../packages/shared/src/index.ts', cp).href);

const SITES = Number(process.env.BENCH_SITES ?? 10_000);
const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 100_000);
const TARGET_P95_MS = 100;
const WARMUP = 3;
const RUNS = 20;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
async function timed(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms.at(-1) };
}

/** 100,000 running workloads spread over every cluster, in one statement. */
const SEED_WORKLOADS = `
WITH c AS (SELECT site_id, gpu_model, kw_per_gpu, row_number() OVER (ORDER BY site_id, id) - 1 AS rn FROM clusters)
INSERT INTO workloads (id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw, request, created_at, updated_at)
SELECT 'wl-bench-' || g, 'bench', 'tenant-' || (g % 20), 'training', 'commercial', 'internal', 'MA', 'running', c.site_id, c.gpu_model,
       1 + g % 8, (1 + g % 8) * c.kw_per_gpu, '{}'::jsonb, now(), now()
  FROM generate_series(0, $1::int - 1) g
  JOIN c ON c.rn = g % (SELECT count(*) FROM clusters)`;

async function measure(kind, options) {
  const db = await openDb(options);
  try {
    await migrate(db);
    const started = performance.now();
    await syncFleet(db, FleetFileSchema.parse(syntheticFleet(SITES)), `bench-${SITES}`);
    await db.query(SEED_WORKLOADS, [WORKLOADS]);
    if (db.kind === 'pglite') await db.query('VACUUM (ANALYZE) workloads');
    else await db.query('ANALYZE workloads');
    const seededSeconds = (performance.now() - started) / 1000;

    const fleet = new FleetService(db);
    const service = new CapacityService({ db, fleet, live: { siteValue: () => undefined }, workloads: { liveFigures: () => new Map(), policy: { version: 'bench' } } });
    const check = await service.ledger({ groupBy: 'network' });
    const net = check.rows[0];
    if (net.gpus.committed < WORKLOADS) throw new Error(`expected at least ${WORKLOADS} GPUs committed, the ledger says ${net.gpus.committed}`);

    const view = await fleet.current();
    const [blocsOf, usage] = await Promise.all([readBlocs(db), readUsage(db)]);
    const input = { sites: view.sites, blocsOf, usage, liveStatus: () => undefined, measures: () => ({}), typicalGpus: 4, now: new Date() };
    const serviceTimes = await timed(() => service.ledger({ groupBy: 'country' }));
    const compute = await timed(() => {
      const rows = ledgerRows(input);
      for (const g of ['country', 'bloc', 'network']) rollUpLedger(rows, g);
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
    return { kind, seededSeconds, committed: net.gpus.committed, installed: net.gpus.installed, checksum, service: serviceTimes, compute, baseline };
  } finally {
    await db.close();
  }
}

console.log(`capacity ledger — ${machineLine()}`);
console.log(`${SITES.toLocaleString('en')} sites, ${WORKLOADS.toLocaleString('en')} running workloads; ${RUNS} runs after ${WARMUP} warm-up\n`);
const results = await onBothStores('capacity-ledger', measure);

const ms = (n) => `${n.toFixed(1)} ms`;
const three = (t) => `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.max)}`;
console.log(
  table([
    ['store', 'seeded', 'GPUs installed / committed', 'service p50 / p95 / max', 'compute p50 / p95 / max', 'baseline sum p50 / p95 / max'],
    ...results.map((r) => [
      r.kind,
      `${r.seededSeconds.toFixed(0)} s`,
      `${r.installed.toLocaleString('en')} / ${r.committed.toLocaleString('en')}`,
      three(r.service),
      three(r.compute),
      three(r.baseline),
    ]),
  ]),
);
for (const r of results) {
  console.log(`${r.kind}: the ledger for ${SITES.toLocaleString('en')} sites, p95 ${ms(r.service.p95)} — ${r.service.p95 <= TARGET_P95_MS ? 'meets' : 'MISSES'} the target of ${TARGET_P95_MS} ms`);
}
const pass = results.length === 2 && results.every((r) => r.service.p95 <= TARGET_P95_MS);
const round = (t) => ({ p50Ms: Math.round(t.p50 * 10) / 10, p95Ms: Math.round(t.p95 * 10) / 10, maxMs: Math.round(t.max * 10) / 10 });
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'capacity-ledger', pass, sites: SITES, workloads: WORKLOADS, targetP95Ms: TARGET_P95_MS, results: results.map((r) => ({ kind: r.kind, service: round(r.service), compute: round(r.compute), baseline: round(r.baseline) })) })}`,
);
process.exit(pass ? 0 : 1);
