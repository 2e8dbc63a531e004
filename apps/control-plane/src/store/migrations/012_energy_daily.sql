-- Energy per site and UTC day, derived from the closed 1-hour rollups, so that a year of energy reads
-- 365 rows a site instead of 35,040 (issue 12: a year for the whole fleet in ≤ 200 ms). The energy
-- report (capacity/capacity-store.ts) reads whole closed days here and only the partial first and last
-- days and the open hours from the hourly rows.
--
-- Each row holds the day's sums of the per-hour figures, in joules: facility and IT energy, solar
-- (the hour's mean output × 3,600 s), grid (facility less the solar it used that hour) and renewable
-- (facility × the hour's mean share, or the solar used when no share was reported); hours counts the
-- hours with a facility figure. The per-hour rules are not additive (a least() per hour, a mean per
-- hour), which is why the day stores the sums of the hours' results and not the series' sums.
--
-- Kept exact by triggers on telemetry_rollup_1h: any statement that inserts, updates or deletes hourly
-- rows (a closed hour folded, a late sample re-folding a closed hour, a prune, a bulk load) recomputes
-- the days it touched from their hours, in the same transaction. Concurrent writers of one day are
-- serialised by an advisory lock per day (keys 727012 and the day's number: per day, not per site, so
-- a bulk load or a prune of 10,000 sites takes a few locks), taken before the recompute, whose
-- statement then sees every writer that committed before it: the last to commit recomputes from all.
CREATE TABLE energy_daily (
  site_id     text NOT NULL,
  day_ms      bigint NOT NULL CHECK (day_ms % 86400000 = 0),
  facility_j  double precision NOT NULL,
  it_j        double precision NOT NULL,
  solar_j     double precision NOT NULL,
  grid_j      double precision NOT NULL,
  renewable_j double precision NOT NULL,
  hours       integer NOT NULL,
  PRIMARY KEY (site_id, day_ms)
);
CREATE INDEX energy_daily_day ON energy_daily (day_ms);

-- Recomputes the given (site, day) pairs from telemetry_rollup_1h; a pair left without hours loses its row.
-- The body is a quoted string without semicolons: the migration runner splits statements on them.
CREATE FUNCTION energy_daily_refresh(p_sites text[], p_days bigint[]) RETURNS void LANGUAGE sql VOLATILE AS '
WITH t AS (
  SELECT DISTINCT site_id, day_ms FROM unnest(p_sites, p_days) AS t(site_id, day_ms)
), s AS (
  SELECT ser.id, ser.metric, t.site_id, t.day_ms
    FROM t JOIN telemetry_series ser ON ser.entity_kind = ''site'' AND ser.entity_id = t.site_id
   WHERE ser.metric IN (''site_facility_energy_joules_total'', ''site_it_energy_joules_total'', ''site_solar_power_watts'', ''site_renewable_share_ratio'')
), hourly AS (
  SELECT s.site_id, s.day_ms, r.bucket_ms,
         sum(r.sum) FILTER (WHERE s.metric = ''site_facility_energy_joules_total'') AS facility_j,
         sum(r.sum) FILTER (WHERE s.metric = ''site_it_energy_joules_total'') AS it_j,
         sum(r.sum) FILTER (WHERE s.metric = ''site_solar_power_watts'') / nullif(sum(r.count) FILTER (WHERE s.metric = ''site_solar_power_watts''), 0) * 3600 AS solar_j,
         sum(r.sum) FILTER (WHERE s.metric = ''site_renewable_share_ratio'') / nullif(sum(r.count) FILTER (WHERE s.metric = ''site_renewable_share_ratio''), 0) AS renewable_ratio
    FROM s JOIN telemetry_rollup_1h r ON r.series_id = s.id AND r.bucket_ms >= s.day_ms AND r.bucket_ms < s.day_ms + 86400000
   GROUP BY 1, 2, 3
), used AS (
  SELECT site_id, day_ms, facility_j, it_j, solar_j, renewable_ratio, least(coalesce(solar_j, 0), coalesce(facility_j, 0)) AS solar_used_j FROM hourly
), days AS (
  SELECT site_id, day_ms,
         coalesce(sum(facility_j), 0)::float8 AS facility_j,
         coalesce(sum(it_j), 0)::float8 AS it_j,
         coalesce(sum(solar_j), 0)::float8 AS solar_j,
         coalesce(sum(facility_j - solar_used_j), 0)::float8 AS grid_j,
         coalesce(sum(CASE WHEN renewable_ratio IS NULL THEN solar_used_j ELSE facility_j * least(1, greatest(0, renewable_ratio)) END), 0)::float8 AS renewable_j,
         (count(*) FILTER (WHERE facility_j IS NOT NULL))::int AS hours
    FROM used
   GROUP BY 1, 2
), gone AS (
  DELETE FROM energy_daily d USING t
   WHERE d.site_id = t.site_id AND d.day_ms = t.day_ms
     AND NOT EXISTS (SELECT 1 FROM days x WHERE x.site_id = t.site_id AND x.day_ms = t.day_ms)
)
INSERT INTO energy_daily (site_id, day_ms, facility_j, it_j, solar_j, grid_j, renewable_j, hours)
SELECT * FROM days ORDER BY 1, 2
ON CONFLICT (site_id, day_ms) DO UPDATE SET
  facility_j = EXCLUDED.facility_j, it_j = EXCLUDED.it_j, solar_j = EXCLUDED.solar_j,
  grid_j = EXCLUDED.grid_j, renewable_j = EXCLUDED.renewable_j, hours = EXCLUDED.hours
';

-- The trigger: the site days of the rows the statement changed (transition table "changed"), their days
-- locked in one order (two writers cannot deadlock), then recomputed by a statement of their own (a
-- volatile function takes a fresh snapshot per statement, after the locks). A statement that changed no energy row (most ingest batches, whose
-- late-data insert is usually empty) returns at once. \073 is a semicolon (see above).
CREATE FUNCTION energy_daily_follow() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  sites text[]\073
  days bigint[]\073
BEGIN
  SELECT array_agg(site_id ORDER BY site_id, day_ms), array_agg(day_ms ORDER BY site_id, day_ms) INTO sites, days
    FROM (SELECT DISTINCT ser.entity_id AS site_id, c.bucket_ms - c.bucket_ms % 86400000 AS day_ms
            FROM changed c JOIN telemetry_series ser ON ser.id = c.series_id
           WHERE ser.entity_kind = ''site''
             AND ser.metric IN (''site_facility_energy_joules_total'', ''site_it_energy_joules_total'', ''site_solar_power_watts'', ''site_renewable_share_ratio'')) x\073
  IF sites IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(727012, d) FROM (SELECT DISTINCT (day_ms / 86400000)::int AS d FROM unnest(days) AS t(day_ms) ORDER BY 1) l\073
    PERFORM energy_daily_refresh(sites, days)\073
  END IF\073
  RETURN NULL\073
END';

-- Transition tables allow one event per trigger, hence three (an INSERT … ON CONFLICT DO UPDATE fires
-- the insert trigger for its new rows and the update trigger for the rows it updated).
CREATE TRIGGER energy_daily_on_insert AFTER INSERT ON telemetry_rollup_1h REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION energy_daily_follow();
CREATE TRIGGER energy_daily_on_update AFTER UPDATE ON telemetry_rollup_1h REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION energy_daily_follow();
CREATE TRIGGER energy_daily_on_delete AFTER DELETE ON telemetry_rollup_1h REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION energy_daily_follow();

-- Back-fill: every site day the hourly rollups already hold.
SELECT energy_daily_refresh(array_agg(site_id), array_agg(day_ms))
  FROM (SELECT DISTINCT ser.entity_id AS site_id, r.bucket_ms - r.bucket_ms % 86400000 AS day_ms
          FROM telemetry_rollup_1h r JOIN telemetry_series ser ON ser.id = r.series_id
         WHERE ser.entity_kind = 'site') x;
