// Series query: a 24 h range of one site-metric read from the 1-minute rollups, against the same
// range aggregated from a raw scan, in the same run, on PGlite and on a PostgreSQL server.
//
//   node bench/series-query.mjs                (from the repository root; ~1 minute)
//
// Seeds 24 h of 5-second samples for 20 sites × 4 metrics (1,382,400 samples) through the telemetry
// store, then times, per store, 200 queries each (after 20 to warm up), rotating over sites and metrics:
//   http   GET /v1/sites/:id/series?metric=…&from=…&to=… through the control plane's route (it picks
//          the 1-minute rollups itself; includes the site check and the JSON body), 1,440 points
//   1m     the store's read of the 1-minute rollups, 1,440 buckets
//   raw    the same 1-minute buckets aggregated from the raw samples (17,280 rows)
// Target: p95 ≤ 20 ms for the 24 h query from the rollups (1m), the verdict; the same read over HTTP
// is reported beside it. Ends with a BENCH_RESULT {json} line; exit code 0 when both stores meet the
// target, 1 otherwise, 2 if it could not run.
import { register } from 'tsx/esm/api';
import express from 'express';
import { machineLine, table } from './lib/common.mjs';
import { onBothStores } from './lib/stores.mjs';

register();
const cp = new URL('../apps/control-plane/src/', import.meta.url);
const { openDb } = await import(new URL('../../../packages/store/src/db.ts', cp).href);
const { migrate } = await import(new URL('store/migrate.ts', cp).href);
const { syncFleet } = await import(new URL('fleet/fleet-store.ts', cp).href);
const { createTelemetryStore } = await import(new URL('telemetry/telemetry-store-sql.ts', cp).href);
const { telemetryRoutes } = await import(new URL('telemetry/telemetry.routes.ts', cp).href);
const { SeriesService } = await import(new URL('telemetry/series-service.ts', cp).href);
const { TelemetryIngest } = await import(new URL('telemetry/telemetry-ingest.ts', cp).href);
const { mountRoutes } = await import(new URL('../../../packages/http-kit/src/route.ts', cp).href);
const { buildFleetFile, buildSite } = await import(new URL('../../../packages/shared/src/testing/builders.ts', cp).href);

const TARGET_P95_MS = 20;
const SITES = 20;
const METRICS = ['site_it_power_watts', 'site_facility_power_watts', 'site_pue_ratio', 'gpu_sm_active_ratio'];
const STEP_MS = 5000;
const DAY_MS = 86_400_000;
const RUNS = 200;
const WARMUP = 20;
// A fixed "now" on the minute, so the 24 h window holds 1,440 whole minutes of data.
const NOW = Date.UTC(2026, 5, 21, 12, 0, 0);
const START = NOW - DAY_MS;

const valueOf = (metric, site, at) => {
  const phase = Math.sin((2 * Math.PI * (at - START)) / DAY_MS + site);
  if (metric === 'site_pue_ratio') return 1.25 + 0.1 * phase;
  if (metric === 'gpu_sm_active_ratio') return 0.6 + 0.3 * phase;
  return 5e6 + 1e6 * phase * (metric === 'site_facility_power_watts' ? 1.3 : 1);
};

async function seed(store) {
  const series = [];
  for (let s = 0; s < SITES; s++) for (const metric of METRICS) series.push({ metric, siteId: `bench-site-${s}`, s });
  const instantsPerBatch = 60; // 80 series × 60 instants = 4,800 samples a batch (5 minutes)
  let n = 0;
  const started = performance.now();
  for (let at = START; at < NOW;) {
    const batch = [];
    for (let i = 0; i < instantsPerBatch && at < NOW; i++, at += STEP_MS) for (const { metric, siteId, s } of series) batch.push({ metric, siteId, at, value: valueOf(metric, s, at) });
    n += (await store.insert(batch)).inserted;
  }
  return { samples: n, seconds: (performance.now() - started) / 1000 };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
async function timed(fn) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99) };
}

async function measure(kind, options) {
  const db = await openDb(options);
  let server;
  try {
    await migrate(db);
    const fleet = buildFleetFile({ sites: Array.from({ length: SITES }, (_, s) => buildSite({ id: `bench-site-${s}`, operatorId: 'operator-test' })), links: [] });
    await syncFleet(db, fleet, 'bench');
    const store = createTelemetryStore(db);
    const seeded = await seed(store);

    const app = express();
    // Mounted as the control plane mounts its routes (no access gate: the bench measures the read, not the credential check).
    const deps = { ingest: new TelemetryIngest(store, { publishSamples() {} }, () => NOW), series: new SeriesService(store, () => NOW) };
    app.use('/v1', mountRoutes(express.Router(), telemetryRoutes, { deps, gate: () => undefined }));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    const pick = (i) => ({ site: `bench-site-${i % SITES}`, metric: METRICS[Math.floor(i / SITES) % METRICS.length] });

    const http = await timed(async (i) => {
      const { site, metric } = pick(i);
      const res = await fetch(`${base}/v1/sites/${site}/series?metric=${metric}&from=${START}&to=${NOW}`);
      const body = await res.json();
      if (body.resolution !== '1m' || body.points.length !== 1440) throw new Error(`unexpected answer: ${body.resolution}, ${body.points?.length} points`);
    });
    const read = (resolution) => async (i) => {
      const { site, metric } = pick(i);
      const buckets = await store.series({ entityKind: 'site', entityId: site, metric, resolution, stepMs: 60_000, fromMs: START, toMs: NOW });
      if (buckets.length !== 1440) throw new Error(`${resolution}: ${buckets.length} buckets`);
    };
    const minute = await timed(read('1m'));
    const raw = await timed(read('raw'));
    return { kind, seeded, http, minute, raw };
  } finally {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    await db.close();
  }
}

console.log(`series query — ${machineLine()}`);
console.log(`${SITES} sites × ${METRICS.length} metrics × 24 h of 5-s samples; ${RUNS} queries per kind after ${WARMUP} warm-up\n`);
const results = await onBothStores('series', measure);

const ms = (n) => `${n.toFixed(1)} ms`;
const three = (t) => `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.p99)}`;
console.log(
  table([
    ['store', 'seeded', '1m rollups p50 / p95 / p99', 'raw scan p50 / p95 / p99', 'raw ÷ 1m (p95)', 'over HTTP (1m) p50 / p95 / p99'],
    ...results.map((r) => [
      r.kind,
      `${(r.seeded.samples / 1e6).toFixed(2)} M in ${r.seeded.seconds.toFixed(0)} s`,
      three(r.minute),
      three(r.raw),
      `× ${(r.raw.p95 / r.minute.p95).toFixed(1)}`,
      three(r.http),
    ]),
  ]),
);
const verdict = (p95) => (p95 <= TARGET_P95_MS ? 'meets' : 'MISSES');
for (const r of results) {
  console.log(
    `${r.kind}: 24 h from the 1-minute rollups, p95 ${ms(r.minute.p95)} — ${verdict(r.minute.p95)} the target of ${TARGET_P95_MS} ms (over HTTP: p95 ${ms(r.http.p95)}, ${verdict(r.http.p95)} it)`,
  );
}
const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));
const pass = results.every((r) => r.minute.p95 <= TARGET_P95_MS);
const summary = results.map((r) => ({ kind: r.kind, seeded: r.seeded.samples, http: round(r.http), minute: round(r.minute), raw: round(r.raw) }));
console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'series-query', pass, targetP95Ms: TARGET_P95_MS, results: summary })}`);
process.exit(pass ? 0 : 1);
