import type { Bloc, GpuModel, SiteMetricName } from '@corridor/shared';
import type { Queryable } from '@corridor/store';
import type { SiteUsage } from '../placement/plan-input.ts';

/** The reads of the capacity ledger and energy reports (I/O only). */

const H = 3_600_000;

/** Each jurisdiction's blocs, from the fleet's jurisdictions. */
export async function readBlocs(db: Queryable): Promise<Map<string, Bloc[]>> {
  const { rows } = await db.query<{ code: string; blocs: Bloc[] }>('SELECT code, blocs FROM jurisdictions');
  return new Map(rows.map((r) => [r.code, r.blocs]));
}

/**
 * The audit log's head: a counter of every audited change, in commit order (each append holds the head's
 * row lock to the end of its transaction, so no later seq is visible before an earlier one). Every change
 * of a reservation (commit, release, migrate, strand, a drain's move) is audited in its own transaction:
 * while the head has not moved, the reservations have not either — on one control plane or on replicas
 * sharing a PostgreSQL server (reservations-cache.ts).
 */
export async function readAuditHead(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: string | number }>('SELECT seq FROM audit_head');
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Every reservation summed per site and model, and the sizes of the committed requests, in ONE statement
 * whose answer is text values: on PGlite, 20,000 groups as rows cost ~3 × the aggregation itself to
 * cross the driver (BENCHMARKS.md, capacity ledger). The sums are kept by the database itself, in the
 * writer's transaction (migration 013: triggers on workloads), so a read after a commit reads a few
 * thousand summary rows instead of summing every active workload. Site ids are slugs and models names,
 * so a space and a comma separate fields and groups safely; float8 prints exactly (shortest round-trip
 * form). The audit head is read by the same statement, so it names exactly the state the sums are of.
 */
const usageText = (table: string, where: string) => `(SELECT string_agg(site_id || ' ' || gpu_model || ' ' || gpus || ' ' || power_kw, ',') FROM ${table} ${where})`;
const RESERVATIONS_SQL = `
SELECT (SELECT seq FROM audit_head) AS seq, ${usageText('site_reservations', '')} AS usage,
       (SELECT string_agg(gpu_count || ' ' || workloads, ',') FROM reservation_sizes) AS sizes`;
const TENANT_USAGE_SQL = `SELECT (SELECT seq FROM audit_head) AS seq, ${usageText('tenant_site_reservations', 'WHERE tenant = $1')} AS usage`;

/** Every site's reservations as of one audit head, and the median committed request (undefined while none is committed). */
export interface Reservations {
  auditHead: number;
  usage: Map<string, SiteUsage>;
  medianGpus: number | undefined;
}

/** Reservations per site (as readUsage answers them) and the median committed request. */
export async function readReservations(db: Queryable): Promise<Reservations> {
  const { rows } = await db.query<{ seq: string | number | null; usage: string | null; sizes: string | null }>(RESERVATIONS_SQL);
  return { auditHead: Number(rows[0]?.seq ?? 0), usage: usageOf(rows[0]?.usage ?? null), medianGpus: medianOf(rows[0]?.sizes ?? null) };
}

/** One tenant's reservations per site (reserved GPUs by model and reserved kW), as of the audit head read with them. */
export async function readTenantUsage(db: Queryable, tenant: string): Promise<{ auditHead: number; usage: Map<string, SiteUsage> }> {
  const { rows } = await db.query<{ seq: string | number | null; usage: string | null }>(TENANT_USAGE_SQL, [tenant]);
  return { auditHead: Number(rows[0]?.seq ?? 0), usage: usageOf(rows[0]?.usage ?? null) };
}

/**
 * `site model gpus kW,…` → usage per site. Scanned with indexOf rather than split: at 20,000 groups the
 * arrays split allocates cost several times the scan (BENCHMARKS.md, capacity ledger: read after a commit).
 */
function usageOf(text: string | null): Map<string, SiteUsage> {
  const usage = new Map<string, SiteUsage>();
  const end = text?.length ?? 0;
  for (let at = 0; text && at < end;) {
    const model = text.indexOf(' ', at) + 1;
    const gpus = text.indexOf(' ', model) + 1;
    const kw = text.indexOf(' ', gpus) + 1;
    const next = text.indexOf(',', kw);
    const stop = next < 0 ? end : next;
    const siteId = text.slice(at, model - 1);
    let site = usage.get(siteId);
    if (!site) usage.set(siteId, (site = { gpus: {}, powerKw: 0 }));
    site.gpus[text.slice(model, gpus - 1) as GpuModel] = Number(text.slice(gpus, kw - 1));
    site.powerKw += Number(text.slice(kw, stop));
    at = stop + 1;
  }
  return usage;
}

/** percentile_disc(0.5) of a histogram `size count,…`: the smallest size at which half the requests are counted. */
function medianOf(sizes: string | null): number | undefined {
  if (!sizes) return undefined;
  const histogram = sizes
    .split(',')
    .map((entry) => entry.split(' ').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const half = histogram.reduce((n, [, count]) => n + count, 0) / 2;
  let seen = 0;
  for (const [size, count] of histogram) if ((seen += count) >= half) return size;
  return undefined;
}

/** One site's energy sums over the hours read, in joules (before the fleet's carbon figure is applied). */
export interface SiteEnergySums {
  facilityJ: number;
  itJ: number;
  solarJ: number;
  gridJ: number;
  renewableJ: number;
  hoursWithData: number;
}

const METRIC = {
  facility: 'site_facility_energy_joules_total',
  it: 'site_it_energy_joules_total',
  solar: 'site_solar_power_watts',
  renewable: 'site_renewable_share_ratio',
} as const satisfies Record<string, SiteMetricName>;

const D = 24 * H;

/**
 * Per site from the daily energy rows (migration 012) for the whole days of the range that are closed,
 * and per hour from the 1-hour rollups for the rest (the partial first and last days; closed hours from
 * telemetry_rollup_1h, the open ones folded from the 1-minute rows, as the series reads do: migration
 * 003), then summed per site, all in SQL so only one row per site crosses the driver. The whole days are
 * [d1, d2): d1 the first midnight at or after the range's start, d2 the last midnight at or before its
 * end and the closed mark (a day holding open hours is read by the hour); the hours before d1 and from d2
 * are two ranges of the hourly key, so the whole days' hours are never scanned. Per hour, as the daily rows are:
 * - facility and IT energy: the counters' sums (each sample is the joules of its window);
 * - solar: the hour's mean output (W) × 3,600 s; the facility uses at most what it draws that hour;
 * - grid: facility less the solar it used; renewable: facility × the hour's mean renewable share (the
 *   solar used when no share was reported).
 */
const ENERGY_SQL = `
WITH s AS (
  SELECT id, metric, entity_id FROM telemetry_series WHERE entity_kind = 'site' AND metric = ANY($1::text[])
), b AS (
  SELECT d1, greatest(d1, least($3::bigint - $3::bigint % ${D}, upto_ms - upto_ms % ${D})) AS d2
    FROM (SELECT $2::bigint + ${D - 1} - ($2::bigint + ${D - 1}) % ${D} AS d1, upto_ms FROM telemetry_marks) m
), h AS (
  SELECT series_id, bucket_ms, sum, count FROM telemetry_rollup_1h
   WHERE series_id IN (SELECT id FROM s) AND bucket_ms >= $2::bigint AND bucket_ms < least($3::bigint, (SELECT d1 FROM b))
  UNION ALL
  SELECT series_id, bucket_ms, sum, count FROM telemetry_rollup_1h
   WHERE series_id IN (SELECT id FROM s) AND bucket_ms >= greatest($2::bigint, (SELECT d2 FROM b)) AND bucket_ms < $3::bigint
  UNION ALL
  SELECT series_id, bucket_ms - bucket_ms % ${H}, sum(sum), sum(count)::int FROM telemetry_minutes
   WHERE series_id IN (SELECT id FROM s) AND bucket_ms >= greatest($2::bigint, (SELECT upto_ms FROM telemetry_marks)) AND bucket_ms < $3::bigint
   GROUP BY 1, 2
), hourly AS (
  SELECT s.entity_id AS site_id, h.bucket_ms,
         sum(h.sum) FILTER (WHERE s.metric = '${METRIC.facility}') AS facility_j,
         sum(h.sum) FILTER (WHERE s.metric = '${METRIC.it}') AS it_j,
         sum(h.sum) FILTER (WHERE s.metric = '${METRIC.solar}') / nullif(sum(h.count) FILTER (WHERE s.metric = '${METRIC.solar}'), 0) * 3600 AS solar_j,
         sum(h.sum) FILTER (WHERE s.metric = '${METRIC.renewable}') / nullif(sum(h.count) FILTER (WHERE s.metric = '${METRIC.renewable}'), 0) AS renewable_ratio
    FROM h JOIN s ON s.id = h.series_id
   GROUP BY 1, 2
), used AS (
  SELECT site_id, facility_j, it_j, solar_j, renewable_ratio, least(coalesce(solar_j, 0), coalesce(facility_j, 0)) AS solar_used_j FROM hourly
), parts AS (
  SELECT site_id, facility_j, it_j, solar_j, grid_j, renewable_j, hours FROM energy_daily, b WHERE day_ms >= b.d1 AND day_ms < b.d2
  UNION ALL
  SELECT site_id,
         coalesce(sum(facility_j), 0)::float8,
         coalesce(sum(it_j), 0)::float8,
         coalesce(sum(solar_j), 0)::float8,
         coalesce(sum(facility_j - solar_used_j), 0)::float8,
         coalesce(sum(CASE WHEN renewable_ratio IS NULL THEN solar_used_j ELSE facility_j * least(1, greatest(0, renewable_ratio)) END), 0)::float8,
         (count(*) FILTER (WHERE facility_j IS NOT NULL))::int
    FROM used
   GROUP BY site_id
)
SELECT site_id, sum(facility_j)::float8 AS facility_j, sum(it_j)::float8 AS it_j, sum(solar_j)::float8 AS solar_j,
       sum(grid_j)::float8 AS grid_j, sum(renewable_j)::float8 AS renewable_j, sum(hours)::int AS hours
  FROM parts
 GROUP BY site_id`;

/** Energy sums per site id over [fromMs, toMs) (whole hours); a site without data is absent. */
export async function readEnergyBySite(db: Queryable, fromMs: number, toMs: number): Promise<Map<string, SiteEnergySums>> {
  const { rows } = await db.query<{ site_id: string; facility_j: number; it_j: number; solar_j: number; grid_j: number; renewable_j: number; hours: number }>(ENERGY_SQL, [
    Object.values(METRIC),
    fromMs,
    toMs,
  ]);
  return new Map(rows.map((r) => [r.site_id, { facilityJ: r.facility_j, itJ: r.it_j, solarJ: r.solar_j, gridJ: r.grid_j, renewableJ: r.renewable_j, hoursWithData: r.hours }]));
}
