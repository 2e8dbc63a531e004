// Energy over a year: facility and IT MWh, PUE, solar, renewable share and tCO2e for every site of the
// real fleet (data/fleet.yaml) from a year of hourly rollups, server-side, on PGlite and PostgreSQL.
//
//   node bench/capacity-energy.mjs             (from the repository root; a minute or two)
//
// Seeds, per store, 8,760 closed hours × every site × the four metrics the report reads (facility and IT
// energy counters, solar output, renewable share) straight into telemetry_rollup_1h (as prune() leaves
// them after a year of ingest; the mark says every hour is closed); the table's trigger fills the daily
// energy rows (migration 012) in the same statement, and the report reads the whole days from them.
// Timed side by side, 20 runs each after 3 to warm up:
//   service    CapacityService.energy({ period: 'year', groupBy: 'country' }) as GET /v1/capacity/energy
//              calls it: whole days from energy_daily, the rest per site and hour in SQL, tCO2e, roll-up;
//   baseline   the plainest read of the same rows: SELECT sum(sum) over the same hours and series.
// Target: the service p95 ≤ 200 ms on both stores. Ends with a BENCH_RESULT {json} line; exit 0 when
// met, 1 otherwise, 2 if it could not run. BENCH_HOURS shrinks it for a smoke run.
import { machineLine, table } from './lib/common.mjs';
import { analyze, benchCapacityService, controlPlaneModule, openFleetStore } from './lib/control-plane-store.mjs';
import { onBothStores } from './lib/stores.mjs';
import { ratio, rounded, three, timed } from './lib/timing.mjs';

const { loadFleetFile } = await controlPlaneModule('fleet/fleet-file.ts');

const H = 3_600_000;
const HOURS = Number(process.env.BENCH_HOURS ?? 8760);
const TARGET_P95_MS = 200;
// A fixed "now" on the hour: the year read is the HOURS before it.
const NOW = Date.UTC(2026, 11, 1, 0, 0, 0);
const METRICS = ['site_facility_energy_joules_total', 'site_it_energy_joules_total', 'site_solar_power_watts', 'site_renewable_share_ratio'];

/** One closed hourly row per site, metric and hour, with plausible sums (12 samples of 5 minutes an hour). */
const SEED = `
WITH s AS (
  INSERT INTO telemetry_series (metric, entity_kind, entity_id)
  SELECT m, 'site', id FROM sites, unnest($1::text[]) AS m
  RETURNING id, metric
)
INSERT INTO telemetry_rollup_1h (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
SELECT s.id, h.bucket_ms, v.x, v.x, v.x * 12, 12, v.x, h.bucket_ms + ${H} - 300000
  FROM s
 CROSS JOIN (SELECT $2::bigint - g::bigint * ${H} AS bucket_ms FROM generate_series(1, $3::int) g) h
 CROSS JOIN LATERAL (SELECT CASE s.metric
     WHEN 'site_facility_energy_joules_total' THEN 1.5e9
     WHEN 'site_it_energy_joules_total' THEN 1.25e9
     WHEN 'site_solar_power_watts' THEN 2e5 * greatest(0, sin(h.bucket_ms / ${H}::float8 * pi() / 12))
     ELSE 0.3 END AS x) v`;

async function measure(kind, options) {
  const { fleet, version } = loadFleetFile(new URL('../data/fleet.yaml', import.meta.url).pathname);
  const db = await openFleetStore(options, fleet, version);
  try {
    const started = performance.now();
    await db.query(SEED, [METRICS, NOW, HOURS]);
    await db.query('UPDATE telemetry_marks SET upto_ms = $1::bigint', [NOW]);
    await analyze(db, 'telemetry_rollup_1h, telemetry_series, energy_daily');
    const seeded = { rows: fleet.sites.length * METRICS.length * HOURS, seconds: (performance.now() - started) / 1000 };

    const { service } = benchCapacityService(db, { version, now: () => NOW });
    const query = { period: 'year', to: NOW, groupBy: 'country' };
    const check = await service.energy({ ...query, groupBy: 'network' });
    const net = check.rows[0];
    const expectedMwh = (fleet.sites.length * Math.min(HOURS, 365 * 24) * 1.5e9 * 12) / 3.6e9;
    if (Math.abs(net.facilityMwh - expectedMwh) > 1) throw new Error(`facility ${net.facilityMwh} MWh, expected ${expectedMwh}`);

    const serviceTimes = await timed(() => service.energy(query));
    const baseline = await timed(() =>
      db.query(`SELECT sum(sum) FROM telemetry_rollup_1h WHERE series_id IN (SELECT id FROM telemetry_series WHERE metric = ANY($1::text[])) AND bucket_ms >= $2::bigint AND bucket_ms < $3::bigint`, [
        METRICS,
        NOW - 365 * 24 * H,
        NOW,
      ]),
    );
    return { kind, seeded, sites: fleet.sites.length, pue: net.pue, pueBasis: check.pueBasis, service: serviceTimes, baseline };
  } finally {
    await db.close();
  }
}

console.log(`capacity energy — ${machineLine()}`);
console.log(`a year (${HOURS.toLocaleString('en')} h) of hourly rollups × the real fleet × ${METRICS.length} metrics; 20 runs after 3 warm-up\n`);
const results = await onBothStores('capacity-energy', measure);

console.log(
  table([
    ['store', 'hourly rows seeded', 'PUE (basis)', 'service p50 / p95 / max', 'baseline sum p50 / p95 / max', 'service × baseline (p50)'],
    ...results.map((r) => [
      r.kind,
      `${r.seeded.rows.toLocaleString('en')} in ${r.seeded.seconds.toFixed(0)} s`,
      `${r.pue} (${r.pueBasis})`,
      three(r.service),
      three(r.baseline),
      ratio(r.service, r.baseline),
    ]),
  ]),
);
const ms = (n) => `${n.toFixed(1)} ms`;
for (const r of results) {
  console.log(`${r.kind}: a year of energy for ${r.sites} sites, p95 ${ms(r.service.p95)} — ${r.service.p95 <= TARGET_P95_MS ? 'meets' : 'MISSES'} the target of ${TARGET_P95_MS} ms`);
}
const pass = results.length === 2 && results.every((r) => r.service.p95 <= TARGET_P95_MS);
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'capacity-energy', pass, hours: HOURS, targetP95Ms: TARGET_P95_MS, results: results.map((r) => ({ kind: r.kind, rows: r.seeded.rows, service: rounded(r.service), baseline: rounded(r.baseline) })) })}`,
);
process.exit(pass ? 0 : 1);
