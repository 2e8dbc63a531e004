import type { Sample } from '@corridor/shared';
import { float8Array, int4Array, int8Array, type Db } from '@corridor/store';
import { DEFAULT_RETENTION, type EntityKind, type Retention, type SeriesBucket, type TelemetryStore } from './telemetry-store.ts';

const H = 3_600_000;

const ROLLUP_COLUMNS = 'series_id, bucket_ms, min, max, sum, count, last, last_at_ms';
const UPSERT = `ON CONFLICT (series_id, bucket_ms) DO UPDATE SET
      min = LEAST(r.min, EXCLUDED.min),
      max = GREATEST(r.max, EXCLUDED.max),
      sum = r.sum + EXCLUDED.sum,
      count = r.count + EXCLUDED.count,
      last = CASE WHEN EXCLUDED.last_at_ms >= r.last_at_ms THEN EXCLUDED.last ELSE r.last END,
      last_at_ms = GREATEST(r.last_at_ms, EXCLUDED.last_at_ms)`;

const M = 60_000;
const MINUTE_COLUMNS = `${ROLLUP_COLUMNS}, added, at_ms, vals`;

/**
 * What a write answers for each minute row it changed: how many samples it added and, for a minute
 * of a closed hour (late data), those samples themselves, the last `added` of the row's arrays (new
 * samples are appended). They go on into the 1-hour rollup.
 */
const late = (expression: string) => `CASE WHEN bucket_ms < (SELECT upto_ms FROM marks) THEN ${expression} END`;
const RETURNING_ADDED = `RETURNING added, ${late('series_id')} AS late_series,
    ${late('at_ms[cardinality(at_ms) - added + 1:]')} AS late_at, ${late('vals[cardinality(vals) - added + 1:]')} AS late_vals`;

/** The new samples of minutes in closed hours (late data), folded into the 1-hour rollup. */
const HOUR_FROM_LATE = `hour AS (
  INSERT INTO telemetry_rollup_1h AS r (${ROLLUP_COLUMNS})
  SELECT m.late_series, x.at_ms - x.at_ms % ${H}, min(x.value), max(x.value), sum(x.value), count(*)::int,
         (array_agg(x.value ORDER BY x.at_ms DESC))[1], max(x.at_ms)
    FROM minute m, unnest(m.late_at, m.late_vals) AS x(at_ms, value)
   WHERE m.late_series IS NOT NULL
   GROUP BY 1, 2
   ORDER BY 1, 2
  ${UPSERT}
)`;
const MARKS = 'marks AS (SELECT upto_ms, raw_from_ms FROM telemetry_marks FOR SHARE)';
const BATCH = `unnest($1::int[], $2::bigint[], $3::float8[]) AS t(series_id, at_ms, value)`;
/**
 * A batch is one statement. The samples travel as three binary arrays (unnest) and go into their
 * minutes' rows (migration 005): each row's rollup widens by the new samples and its arrays take them
 * at the end. The marks are read FOR SHARE: a sample older than raw_from_ms is skipped (its minute no
 * longer lists the samples it had, so a repeat could not be recognised); the new samples of minutes
 * in closed hours (before upto_ms: late data) also go into the 1-hour rollup; and a close or prune
 * (which moves the marks) waits until this batch commits, while a batch that waited on one gets the
 * new marks (in READ COMMITTED, the locked row is the latest version). Rows go in key order so that
 * concurrent batches take their row locks in the same order and cannot deadlock.
 *
 * Duplicates are decided under the row lock (ON CONFLICT … DO UPDATE … WHERE), against the row as the
 * last committed batch left it: a sample whose instant its minute already lists is not added, so a
 * retried or concurrent batch never counts twice. `inserted` sums what each row's write added.
 *
 * Two forms of the statement, by the batch's shape:
 * - one sample per series (one instant of each: what the simulator and most exporters send per
 *   tick): a minute gains at most one sample, so a conflict is a plain append, or nothing when the
 *   instant is already there;
 * - several samples of a series (an exporter flushing several instants, a backfill): the batch is
 *   first made unique per (series, instant), grouped per minute, and each conflicting row keeps only
 *   the instants it does not list yet (a sub-select per row: on one instant of 5,000 series this form
 *   is ≈ 2 × slower, so the first one exists).
 */
const INSERT_BATCH = {
  perSample: `
WITH ${MARKS}, minute AS (
  INSERT INTO telemetry_minutes AS r (${MINUTE_COLUMNS})
  SELECT series_id, at_ms - at_ms % ${M}, value, value, value, 1, value, at_ms, 1, ARRAY[at_ms], ARRAY[value]
    FROM ${BATCH}
   WHERE at_ms >= (SELECT raw_from_ms FROM marks)
   ORDER BY 1, 2
  ON CONFLICT (series_id, bucket_ms) DO UPDATE SET
    min = LEAST(r.min, EXCLUDED.min),
    max = GREATEST(r.max, EXCLUDED.max),
    sum = r.sum + EXCLUDED.sum,
    count = r.count + 1,
    last = CASE WHEN EXCLUDED.last_at_ms >= r.last_at_ms THEN EXCLUDED.last ELSE r.last END,
    last_at_ms = GREATEST(r.last_at_ms, EXCLUDED.last_at_ms),
    added = 1,
    at_ms = r.at_ms || EXCLUDED.last_at_ms,
    vals = r.vals || EXCLUDED.last
  WHERE EXCLUDED.last_at_ms <> ALL (r.at_ms)
  ${RETURNING_ADDED}
), ${HOUR_FROM_LATE}
SELECT coalesce(sum(added), 0)::int AS inserted FROM minute`,
  grouped: `
WITH ${MARKS}, batch AS (
  SELECT DISTINCT ON (series_id, at_ms) series_id, at_ms, value
    FROM ${BATCH}
   WHERE at_ms >= (SELECT raw_from_ms FROM marks)
   ORDER BY series_id, at_ms
), minute AS (
  INSERT INTO telemetry_minutes AS r (${MINUTE_COLUMNS})
  SELECT series_id, at_ms - at_ms % ${M}, min(value), max(value), sum(value), count(*)::int, (array_agg(value ORDER BY at_ms DESC))[1],
         max(at_ms), count(*)::int, array_agg(at_ms ORDER BY at_ms), array_agg(value ORDER BY at_ms)
    FROM batch
   GROUP BY 1, 2
   ORDER BY 1, 2
  ON CONFLICT (series_id, bucket_ms) DO UPDATE SET (min, max, sum, count, last, last_at_ms, added, at_ms, vals) = (
    SELECT LEAST(r.min, min(x.value)), GREATEST(r.max, max(x.value)), r.sum + sum(x.value), r.count + count(*)::int,
           CASE WHEN max(x.at_ms) >= r.last_at_ms THEN (array_agg(x.value ORDER BY x.at_ms DESC))[1] ELSE r.last END,
           GREATEST(r.last_at_ms, max(x.at_ms)), count(*)::int,
           r.at_ms || array_agg(x.at_ms ORDER BY x.at_ms), r.vals || array_agg(x.value ORDER BY x.at_ms)
      FROM unnest(EXCLUDED.at_ms, EXCLUDED.vals) AS x(at_ms, value)
     WHERE x.at_ms <> ALL (r.at_ms))
  WHERE NOT (EXCLUDED.at_ms <@ r.at_ms)
  ${RETURNING_ADDED}
), ${HOUR_FROM_LATE}
SELECT coalesce(sum(added), 0)::int AS inserted FROM minute`,
};

/** Moves the closed mark forward to $1 (never back); answers the old mark when it moved. */
const MOVE_CLOSED_MARK = `
WITH old AS (SELECT upto_ms FROM telemetry_marks FOR UPDATE)
UPDATE telemetry_marks c SET upto_ms = $1::bigint FROM old WHERE old.upto_ms < $1::bigint RETURNING old.upto_ms::float8 AS from_ms`;
/** Moves the raw mark forward to $1 (never back); answers the old mark when it moved. */
const MOVE_RAW_MARK = `
WITH old AS (SELECT raw_from_ms FROM telemetry_marks FOR UPDATE)
UPDATE telemetry_marks c SET raw_from_ms = $1::bigint FROM old WHERE old.raw_from_ms < $1::bigint RETURNING old.raw_from_ms::float8 AS from_ms`;
/** Drops the raw samples of the minutes [$1, $2), keeping their rollups; answers how many samples went. */
const DROP_RAW = `
WITH dropped AS (
  UPDATE telemetry_minutes m SET at_ms = NULL, vals = NULL
    FROM (SELECT series_id, bucket_ms, cardinality(at_ms) AS n FROM telemetry_minutes
           WHERE bucket_ms >= $1::bigint AND bucket_ms < $2::bigint AND at_ms IS NOT NULL) old
   WHERE m.series_id = old.series_id AND m.bucket_ms = old.bucket_ms
  RETURNING old.n
)
SELECT coalesce(sum(n), 0)::int AS n FROM dropped`;
/** Folds the 1-minute rows of the hours [$1, $2) into 1-hour rows. */
const FOLD_HOURS = `
INSERT INTO telemetry_rollup_1h AS r (series_id, bucket_ms, min, max, sum, count, last, last_at_ms)
SELECT series_id, bucket_ms - bucket_ms % ${H}, min(min), max(max), sum(sum), sum(count),
       (array_agg(last ORDER BY last_at_ms DESC))[1], max(last_at_ms)
  FROM telemetry_minutes
 WHERE bucket_ms >= $1::bigint AND bucket_ms < $2::bigint
 GROUP BY 1, 2
 ORDER BY 1, 2
${UPSERT}`;

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
    FROM telemetry_minutes
   WHERE series_id = ${seriesId} AND bucket_ms >= greatest(${fromMs}, (SELECT upto_ms FROM telemetry_marks)) AND bucket_ms < ${toMs}
   GROUP BY 1`;

/** The raw samples the store holds, as a table (series_id, at_ms, value). Exported for the tests. */
export const RAW_SAMPLES = '(SELECT m.series_id, x.at_ms, x.value FROM telemetry_minutes m, unnest(m.at_ms, m.vals) AS x(at_ms, value))';

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
const withEntity = (kind: EntityKind, read: string) => `SELECT EXISTS (SELECT 1 FROM ${kind === 'site' ? 'sites' : 'links'} WHERE id = $3) AS known, (${read}) AS buckets`;

const SERIES_RAW = asJson(`
  SELECT x.at_ms - x.at_ms % $6::bigint AS t, min(x.value) AS min, max(x.value) AS max, sum(x.value) AS sum, count(*) AS count,
         (array_agg(x.value ORDER BY x.at_ms DESC))[1] AS last
    FROM telemetry_minutes m, unnest(m.at_ms, m.vals) AS x(at_ms, value)
   WHERE m.series_id = ${SERIES_ID} AND m.bucket_ms > $4::bigint - ${M} AND m.bucket_ms < $5::bigint
     AND x.at_ms >= $4::bigint AND x.at_ms < $5::bigint
   GROUP BY 1`);

const seriesRollup = (rows: string) =>
  asJson(`
  SELECT bucket_ms - bucket_ms % $6::bigint AS t, min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count) AS count,
         (array_agg(last ORDER BY last_at_ms DESC))[1] AS last
    FROM (${rows}) l
   GROUP BY 1`);

const READS = {
  raw: SERIES_RAW,
  '1m': seriesRollup(`SELECT * FROM telemetry_minutes WHERE series_id = ${SERIES_ID} AND bucket_ms >= $4::bigint AND bucket_ms < $5::bigint`),
  '1h': seriesRollup(hourRows(SERIES_ID, '$4::bigint', '$5::bigint')),
} as const;
const SERIES_SQL = {
  site: Object.fromEntries(Object.entries(READS).map(([level, read]) => [level, withEntity('site', read)])),
  link: Object.fromEntries(Object.entries(READS).map(([level, read]) => [level, withEntity('link', read)])),
} as Record<EntityKind, Record<keyof typeof READS, string>>;

const pruneSql = (table: string, column: string) => `WITH gone AS (DELETE FROM ${table} WHERE ${column} < $1::bigint RETURNING 1) SELECT count(*)::int AS n FROM gone`;

export interface TelemetryStoreOptions {
  /** How long raw samples are kept (default 48 h); rollups keep their own, longer windows. */
  rawRetentionMs?: number;
}

type SeriesRow = { id: number; metric: string; entity_kind: EntityKind; entity_id: string };
type SeriesKey = { metric: string; kind: EntityKind; id: string };

/** The telemetry store over PGlite or PostgreSQL (same SQL on both). */
export function createTelemetryStore(db: Db, options: TelemetryStoreOptions = {}): TelemetryStore {
  const rawMs = options.rawRetentionMs ?? DEFAULT_RETENTION.rawMs;
  // Raw samples live in their minute's row, so minute rows stay at least as long as raw samples do.
  const retention: Retention = { ...DEFAULT_RETENTION, rawMs, minuteMs: Math.max(DEFAULT_RETENTION.minuteMs, rawMs) };
  // Series ids never change once assigned, so every replica may keep the ones it has seen: kind →
  // site or link id → metric → series id. Nested maps, looked up by the sample's own strings: a
  // composite key would build and hash a new string per sample (most of insert's own time at 5,000).
  const seriesIds: Record<EntityKind, Map<string, Map<string, number>>> = { site: new Map(), link: new Map() };
  const seriesId = (k: SeriesKey) => seriesIds[k.kind].get(k.id)?.get(k.metric);
  const sampleSeries = (s: Sample): SeriesKey => (s.siteId !== undefined ? { metric: s.metric, kind: 'site', id: s.siteId } : { metric: s.metric, kind: 'link', id: s.linkId! });

  async function resolveSeries(keys: readonly SeriesKey[]): Promise<void> {
    const columns = (list: typeof keys) => [list.map((k) => k.metric), list.map((k) => k.kind), list.map((k) => k.id)];
    const remember = (rows: SeriesRow[]) =>
      rows.forEach((r) => {
        const byEntity = seriesIds[r.entity_kind];
        const metrics = byEntity.get(r.entity_id) ?? byEntity.set(r.entity_id, new Map()).get(r.entity_id)!;
        metrics.set(r.metric, r.id);
      });
    remember((await db.query<SeriesRow>(REGISTER_SERIES, columns(keys))).rows);
    const raced = keys.filter((k) => seriesId(k) === undefined);
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

  /** Drops the raw samples of the minutes wholly before `cutoffMs`; answers how many went. */
  async function dropRaw(cutoffMs: number): Promise<number> {
    const fromMs = cutoffMs - (cutoffMs % M);
    return db.transaction(async (tx) => {
      // Mark first, as closeHours does: a batch that decided against the old mark has committed.
      const moved = (await tx.query<{ from_ms: number }>(MOVE_RAW_MARK, [fromMs])).rows[0];
      return moved ? ((await tx.query<{ n: number }>(DROP_RAW, [moved.from_ms, fromMs])).rows[0]?.n ?? 0) : 0;
    });
  }

  return {
    retention,

    async insert(samples) {
      if (samples.length === 0) return { inserted: 0 };
      const ids = new Int32Array(samples.length);
      const ats = new Float64Array(samples.length);
      const values = new Float64Array(samples.length);
      const seen = new Set<number>();
      let unknown: number[] | undefined;
      // One pass over the samples (at 5,000 a batch each pass costs, the objects being cold in the
      // cache); a batch lists an entity's metrics together, so the entity's map is looked up once a run.
      let kind: EntityKind | undefined, entity: string | undefined, metrics: Map<string, number> | undefined;
      samples.forEach((s, i) => {
        ats[i] = s.at;
        values[i] = s.value;
        const k = s.siteId !== undefined ? 'site' : 'link';
        const e = (s.siteId ?? s.linkId)!;
        if (k !== kind || e !== entity) [kind, entity, metrics] = [k, e, seriesIds[k].get(e)];
        const id = metrics?.get(s.metric);
        if (id === undefined) (unknown ??= []).push(i);
        else seen.add((ids[i] = id));
      });
      if (unknown) {
        const keys = new Map(unknown.map((i) => sampleSeries(samples[i]!)).map((k) => [`${k.metric}\u0000${k.kind}\u0000${k.id}`, k]));
        await resolveSeries([...keys.values()]);
        for (const i of unknown) {
          const key = sampleSeries(samples[i]!);
          const id = seriesId(key);
          if (id === undefined) throw new Error(`telemetry series ${key.metric}/${key.kind}/${key.id} could not be registered`);
          seen.add((ids[i] = id));
        }
      }
      const shape = seen.size === ids.length ? 'perSample' : 'grouped';
      const { rows } = await db.query<{ inserted: number }>(INSERT_BATCH[shape], [int4Array(ids), int8Array(ats), float8Array(values)]);
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
        raw: await dropRaw(nowMs - retention.rawMs),
        minute: await deleted(pruneSql('telemetry_minutes', 'bucket_ms'), nowMs - retention.minuteMs),
        hour: await deleted(pruneSql('telemetry_rollup_1h', 'bucket_ms'), nowMs - retention.hourMs),
      };
      // PGlite runs no autovacuum: without this, pruned rows and old rollup versions would never be
      // reused and the tables would only grow. (About a second for a day of a 30-site fleet.)
      if (db.kind === 'pglite') await db.query('VACUUM (ANALYZE) telemetry_minutes, telemetry_rollup_1h');
      return gone;
    },
  };
}
