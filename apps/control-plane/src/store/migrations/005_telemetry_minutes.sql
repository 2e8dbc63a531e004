-- One row per series and minute, holding the minute's rollup (min, max, sum, count, last) and, for the
-- raw retention window, the minute's samples themselves (at_ms[], vals[], in arrival order). Replaces
-- telemetry_samples (a row per sample) and telemetry_rollup_1m (a row per series-minute).
--
-- Why: with a row per sample, storing a sample cost two row writes (the sample, its minute's rollup),
-- each with its WAL record(s) and the sample's own index entry; here it costs one, an update of the
-- minute's row that stays on its page (HOT, fillfactor 70). On PGlite, one instant of 5,000 series a
-- batch, that is ≈ 1.3 × the samples/s in a third less space (BENCHMARKS.md, "Ingest").
--
-- Duplicates: a sample whose instant is already in its minute's at_ms is not stored again (the ingest
-- checks it under the row lock, so concurrent batches cannot both add it). Once a minute is past the
-- raw retention window, prune() drops its arrays (NULL) and keeps the rollup; raw_from_ms below says
-- up to where it has done so, and a sample older than that is skipped: it could no longer be told
-- from one already stored.
CREATE TABLE telemetry_minutes (
  series_id  integer NOT NULL,
  bucket_ms  bigint NOT NULL,
  min        double precision NOT NULL,
  max        double precision NOT NULL,
  sum        double precision NOT NULL,
  count      integer NOT NULL,
  last       double precision NOT NULL,
  last_at_ms bigint NOT NULL,
  -- How many samples the row's latest write added: what the ingest counts as stored.
  added      integer NOT NULL,
  at_ms      bigint[],
  vals       double precision[],
  PRIMARY KEY (series_id, bucket_ms),
  CHECK ((at_ms IS NULL) = (vals IS NULL))
) WITH (fillfactor = 70);
CREATE INDEX telemetry_minutes_bucket_brin ON telemetry_minutes USING brin (bucket_ms);

-- The marks of the telemetry tables: upto_ms (hours before it are closed, migration 003) and now
-- raw_from_ms (minutes before it hold no raw samples).
ALTER TABLE telemetry_rollup_1h_closed RENAME TO telemetry_marks;
ALTER TABLE telemetry_marks ADD COLUMN raw_from_ms bigint NOT NULL DEFAULT 0 CHECK (raw_from_ms % 60000 = 0);

-- Carry over what a store holds: the rollup of every minute, and the raw samples of the minutes from
-- the first whole minute of raw samples on (the minute the last prune cut through lost some of its).
UPDATE telemetry_marks SET raw_from_ms = coalesce((SELECT min(at_ms) - min(at_ms) % 60000 + 60000 FROM telemetry_samples), 0);
INSERT INTO telemetry_minutes (series_id, bucket_ms, min, max, sum, count, last, last_at_ms, added, at_ms, vals)
SELECT r.series_id, r.bucket_ms, r.min, r.max, r.sum, r.count, r.last, r.last_at_ms, 0,
       coalesce(s.at_ms, CASE WHEN r.bucket_ms >= m.raw_from_ms THEN '{}'::bigint[] END),
       coalesce(s.vals, CASE WHEN r.bucket_ms >= m.raw_from_ms THEN '{}'::float8[] END)
  FROM telemetry_rollup_1m r
 CROSS JOIN telemetry_marks m
  LEFT JOIN (SELECT series_id, at_ms - at_ms % 60000 AS bucket_ms, array_agg(at_ms ORDER BY at_ms) AS at_ms, array_agg(value ORDER BY at_ms) AS vals
               FROM telemetry_samples GROUP BY 1, 2) s
    ON s.series_id = r.series_id AND s.bucket_ms = r.bucket_ms AND s.bucket_ms >= m.raw_from_ms;
DROP TABLE telemetry_samples;
DROP TABLE telemetry_rollup_1m;
