import type { Sample } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { DEFAULT_RETENTION, type EntityKind, type Retention, type SeriesBucket, type TelemetryStore } from './telemetry-store.ts';

const H = 3_600_000;

const MERGE = `ON CONFLICT (series_id, bucket_ms) DO UPDATE SET
      min = LEAST(r.min, EXCLUDED.min),
      max = GREATEST(r.max, EXCLUDED.max),
      sum = r.sum + EXCLUDED.sum,
      count = r.count + EXCLUDED.count,
      last = CASE WHEN EXCLUDED.last_at_ms >= r.last_at_ms THEN EXCLUDED.last ELSE r.last END,
      last_at_ms = GREATEST(r.last_at_ms, EXCLUDED.last_at_ms)`;

/** Folds a batch's new rows into a rollup table: min/max widen, sum/count add, last follows the latest sample. */
function rollup(table: string, bucketMs: number, where = 'true'): string {
  return `INSERT INTO ${table} AS r (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
    SELECT series_id, at_ms - at_ms % ${bucketMs}, min(value), max(value), sum(value), count(*),
           (array_agg(value ORDER BY at_ms DESC))[1], max(at_ms)
      FROM ins
     WHERE ${where}
     GROUP BY 1, 2
     ORDER BY 1, 2
    ${MERGE}`;
}

/**
 * One statement per batch: the samples travel as three arrays (unnest), the raw insert skips samples
 * already stored, and only the rows it actually inserted (RETURNING) are rolled up, so a retried
 * batch never counts twice. Being one statement, it is atomic on its own. Rows go in key order so
 * that concurrent batches take their row locks in the same order and cannot deadlock.
 *
 * The 1-hour rollup holds closed hours only (migration 003): a sample of an open hour goes into the
 * raw and 1-minute tables, and the 1-hour read adds those hours from the 1-minute rows (hourRows).
 * Only late samples, older than the closed mark, go into the 1-hour rollup here. The mark is read FOR
 * SHARE: a close (closeHours) waits until this batch commits, and a batch that waited on a close gets
 * the new mark (in READ COMMITTED, the locked row is the latest version).
 */
const INSERT_BATCH = `
WITH ins AS (
  INSERT INTO telemetry_samples (series_id, at_ms, value)
  SELECT series_id, at_ms, value FROM unnest($1::int[], $2::bigint[], $3::float8[]) AS t(series_id, at_ms, value)
   ORDER BY 1, 2
  ON CONFLICT DO NOTHING
  RETURNING series_id, at_ms, value
), closed AS (
  SELECT upto_ms FROM telemetry_rollup_1h_closed FOR SHARE
), minute AS (
  ${rollup('telemetry_rollup_1m', 60_000)}
), hour AS (
  ${rollup('telemetry_rollup_1h', H, 'at_ms < (SELECT upto_ms FROM closed)')}
)
SELECT count(*)::int AS inserted FROM ins`;

/** Moves the closed mark forward to $1 (never back); answers the old mark when it moved. */
const MOVE_CLOSED_MARK = `
WITH old AS (SELECT upto_ms FROM telemetry_rollup_1h_closed FOR UPDATE)
UPDATE telemetry_rollup_1h_closed c SET upto_ms = $1::bigint FROM old WHERE old.upto_ms < $1::bigint RETURNING old.upto_ms::float8 AS from_ms`;
/** Folds the 1-minute rows of the hours [$1, $2) into 1-hour rows. */
const FOLD_HOURS = `
INSERT INTO telemetry_rollup_1h AS r (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
SELECT series_id, bucket_ms - bucket_ms % ${H}, min(min), max(max), sum(sum), sum(count),
       (array_agg(last ORDER BY last_at_ms DESC))[1], max(last_at_ms)
  FROM telemetry_rollup_1m
 WHERE bucket_ms >= $1::bigint AND bucket_ms < $2::bigint
 GROUP BY 1, 2
 ORDER BY 1, 2
${MERGE}`;

/**
 * The 1-hour rollup rows of a series over [from, to) (SQL expressions) as the store answers them:
 * closed hours from the 1-hour table, open ones folded from the 1-minute rows (no hour is in both:
 * see migration 003). Columns: bucket_ms, min, max, sum, count, last, last_at_ms. Exported for the tests.
 */
export const hourRows = (seriesId: string, fromMs: string, toMs: string) => `
  SELECT bucket_ms, min, max, sum, count, last, last_at_ms FROM telemetry_rollup_1h
   WHERE series_id = ${seriesId} AND bucket_ms >= ${fromMs} AND bucket_ms < ${toMs}
  UNION ALL
  SELECT bucket_ms - bucket_ms % ${H}, min(min), max(max), sum(sum), sum(count)::int, (array_agg(last ORDER BY last_at_ms DESC))[1], max(last_at_ms)
    FROM telemetry_rollup_1m
   WHERE series_id = ${seriesId} AND bucket_ms >= greatest(${fromMs}, (SELECT upto_ms FROM telemetry_rollup_1h_closed)) AND bucket_ms < ${toMs}
   GROUP BY 1`;

/**
 * Ids of the given series, registering the new ones. The second SELECT sees the table as it was when
 * the statement began, the RETURNING the rows it added; a series another writer added meanwhile is
 * in neither and is read again by the caller.
 */
const REGISTER_SERIES = `
WITH wanted AS (
  SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t(metric, entity_kind, entity_id)
), added AS (
  INSERT INTO telemetry_series (metric, entity_kind, entity_id)
  SELECT metric, entity_kind, entity_id FROM wanted ORDER BY 1, 2, 3
  ON CONFLICT DO NOTHING
  RETURNING id, metric, entity_kind, entity_id
)
SELECT id, metric, entity_kind, entity_id FROM added
UNION ALL
SELECT s.id, s.metric, s.entity_kind, s.entity_id FROM telemetry_series s JOIN wanted w USING (metric, entity_kind, entity_id)`;

const SELECT_SERIES = `
SELECT s.id, s.metric, s.entity_kind, s.entity_id
  FROM telemetry_series s
  JOIN unnest($1::text[], $2::text[], $3::text[]) AS w(metric, entity_kind, entity_id) USING (metric, entity_kind, entity_id)`;

const SERIES_ID = '(SELECT id FROM telemetry_series WHERE metric = $1 AND entity_kind = $2 AND entity_id = $3)';

/**
 * Buckets of `stepMs` over raw samples or a rollup level (whose bucket divides the step). The answer
 * is one JSON array of [t, min, max, sum, count, last] rows: a single value crosses the driver, which
 * on PGlite is three times faster than 1,440 rows of six columns (floats print exactly in JSON).
 */
const asJson = (buckets: string) => `
SELECT coalesce(json_agg(json_build_array(t, min, max, sum, count, last) ORDER BY t), '[]')::text AS buckets FROM (${buckets}) b`;
/** The same read, and whether the site (or link) is in the fleet, in one round trip. */
const withEntity = (kind: EntityKind, read: string) =>
  `SELECT EXISTS (SELECT 1 FROM ${kind === 'site' ? 'sites' : 'links'} WHERE id = $3) AS known, (${read}) AS buckets`;

const SERIES_RAW = asJson(`
  SELECT at_ms - at_ms % $6::bigint AS t, min(value) AS min, max(value) AS max, sum(value) AS sum, count(*) AS count,
         (array_agg(value ORDER BY at_ms DESC))[1] AS last
    FROM telemetry_samples
   WHERE series_id = ${SERIES_ID} AND at_ms >= $4::bigint AND at_ms < $5::bigint
   GROUP BY 1`);

const seriesRollup = (rows: string) =>
  asJson(`
  SELECT bucket_ms - bucket_ms % $6::bigint AS t, min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count) AS count,
         (array_agg(last ORDER BY last_at_ms DESC))[1] AS last
    FROM (${rows}) l
   GROUP BY 1`);

const READS = {
  raw: SERIES_RAW,
  '1m': seriesRollup(`SELECT * FROM telemetry_rollup_1m WHERE series_id = ${SERIES_ID} AND bucket_ms >= $4::bigint AND bucket_ms < $5::bigint`),
  '1h': seriesRollup(hourRows(SERIES_ID, '$4::bigint', '$5::bigint')),
} as const;
const SERIES_SQL = {
  site: Object.fromEntries(Object.entries(READS).map(([level, read]) => [level, withEntity('site', read)])),
  link: Object.fromEntries(Object.entries(READS).map(([level, read]) => [level, withEntity('link', read)])),
} as Record<EntityKind, Record<keyof typeof READS, string>>;

const pruneSql = (table: string, column: string) =>
  `WITH gone AS (DELETE FROM ${table} WHERE ${column} < $1::bigint RETURNING 1) SELECT count(*)::int AS n FROM gone`;

export interface TelemetryStoreOptions {
  /** How long raw samples are kept (default 48 h); rollups keep their own, longer windows. */
  rawRetentionMs?: number;
}

type SeriesRow = { id: number; metric: string; entity_kind: string; entity_id: string };
const seriesKey = (metric: string, kind: string, id: string) => `${metric}\u0000${kind}\u0000${id}`;

/** The telemetry store over PGlite or PostgreSQL (same SQL on both). */
export function createTelemetryStore(db: Db, options: TelemetryStoreOptions = {}): TelemetryStore {
  const retention: Retention = { ...DEFAULT_RETENTION, ...(options.rawRetentionMs ? { rawMs: options.rawRetentionMs } : {}) };
  // Series ids never change once assigned, so every replica may keep the ones it has seen.
  const seriesIds = new Map<string, number>();

  async function resolveSeries(keys: readonly { metric: string; kind: string; id: string }[]): Promise<void> {
    const columns = (list: typeof keys) => [list.map((k) => k.metric), list.map((k) => k.kind), list.map((k) => k.id)];
    const remember = (rows: SeriesRow[]) => rows.forEach((r) => seriesIds.set(seriesKey(r.metric, r.entity_kind, r.entity_id), r.id));
    remember((await db.query<SeriesRow>(REGISTER_SERIES, columns(keys))).rows);
    const raced = keys.filter((k) => !seriesIds.has(seriesKey(k.metric, k.kind, k.id)));
    if (raced.length) remember((await db.query<SeriesRow>(SELECT_SERIES, columns(raced))).rows);
  }

  async function closeHours(nowMs = Date.now()): Promise<void> {
    const uptoMs = nowMs - (nowMs % H);
    await db.transaction(async (tx) => {
      // Two statements: the fold's snapshot is taken after the mark's row lock, so it sees every
      // batch that decided against the old mark (they held it FOR SHARE until they committed).
      const moved = (await tx.query<{ from_ms: number }>(MOVE_CLOSED_MARK, [uptoMs])).rows[0];
      if (moved) await tx.query(FOLD_HOURS, [moved.from_ms, uptoMs]);
    });
  }

  return {
    retention,

    async insert(samples) {
      if (samples.length === 0) return { inserted: 0 };
      const keys: string[] = new Array(samples.length);
      const missing = new Map<string, { metric: string; kind: string; id: string }>();
      samples.forEach((s, i) => {
        const kind = s.siteId !== undefined ? 'site' : 'link';
        const id = (s.siteId ?? s.linkId)!;
        const key = (keys[i] = seriesKey(s.metric, kind, id));
        if (!seriesIds.has(key)) missing.set(key, { metric: s.metric, kind, id });
      });
      if (missing.size) await resolveSeries([...missing.values()]);

      const ids = keys.map((key) => {
        const id = seriesIds.get(key);
        if (id === undefined) throw new Error(`telemetry series ${key.replaceAll('\u0000', '/')} could not be registered`);
        return id;
      });
      const { rows } = await db.query<{ inserted: number }>(INSERT_BATCH, [ids, samples.map((s) => s.at), samples.map((s) => s.value)]);
      return { inserted: rows[0]?.inserted ?? 0 };
    },

    async series({ entityKind, entityId, metric, resolution, stepMs, fromMs, toMs }) {
      const { rows } = await db.query<{ known: boolean; buckets: string }>(SERIES_SQL[entityKind][resolution], [metric, entityKind, entityId, fromMs, toMs, stepMs]);
      if (!rows[0]?.known) return undefined;
      const buckets = JSON.parse(rows[0].buckets) as [number, number, number, number, number, number][];
      return buckets.map(([t, min, max, sum, count, last]): SeriesBucket => ({ t, min, max, sum, count, last }));
    },

    async knownEntities(kind: EntityKind, ids) {
      if (ids.length === 0) return new Set();
      const table = kind === 'site' ? 'sites' : 'links';
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
      return new Set(rows.map((r) => r.id));
    },

    closeHours,

    async prune(nowMs = Date.now()) {
      // Close the past hours first: the 1-minute rows of an open hour are what its 1-hour read is made of.
      await closeHours(nowMs);
      const deleted = async (sql: string, cutoffMs: number) => (await db.query<{ n: number }>(sql, [cutoffMs])).rows[0]?.n ?? 0;
      const gone = {
        raw: await deleted(pruneSql('telemetry_samples', 'at_ms'), nowMs - retention.rawMs),
        minute: await deleted(pruneSql('telemetry_rollup_1m', 'bucket_ms'), nowMs - retention.minuteMs),
        hour: await deleted(pruneSql('telemetry_rollup_1h', 'bucket_ms'), nowMs - retention.hourMs),
      };
      // PGlite runs no autovacuum: without this, pruned rows and old rollup versions would never be
      // reused and the tables would only grow. (About a second for a day of a 30-site fleet.)
      if (db.kind === 'pglite') await db.query('VACUUM (ANALYZE) telemetry_samples, telemetry_rollup_1m, telemetry_rollup_1h');
      return gone;
    },
  };
}
