-- Telemetry: raw samples for a retention window, and 1-minute / 1-hour rollups maintained as data arrives.
-- Times are epoch milliseconds (bigint), as on the wire: bucketing is integer arithmetic, no time zone.
-- The ingest writes samples and both rollups in one statement (telemetry/telemetry-store-sql.ts).

-- A series is one metric of one site or link. Samples and rollups refer to it by a small integer:
-- their keys stay narrow (an int and a bigint), which is what makes batch ingest fast. The ids come
-- only from this table (the store resolves them); no foreign key, as a check per row would cost the
-- ingest about as much as the insert itself.
CREATE TABLE telemetry_series (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  metric      text NOT NULL,
  entity_kind text NOT NULL CHECK (entity_kind IN ('site', 'link')),
  entity_id   text NOT NULL,
  UNIQUE (metric, entity_kind, entity_id)
);

-- One sample per series and instant: a repeated sample is a duplicate, not a second reading.
CREATE TABLE telemetry_samples (
  series_id integer NOT NULL,
  at_ms     bigint NOT NULL,
  value     double precision NOT NULL,
  PRIMARY KEY (series_id, at_ms)
);
-- Pruning deletes by time; rows arrive roughly in time order, so a block-range index is enough and
-- costs next to nothing on insert.
CREATE INDEX telemetry_samples_at_brin ON telemetry_samples USING brin (at_ms);

-- bucket_ms is the bucket's start (a multiple of 60 000); last is the value of the latest sample in
-- the bucket, taken at last_at_ms. Rows are updated in place by every batch: free space on each page
-- (fillfactor) lets those updates stay on the page (HOT) without touching the index.
CREATE TABLE telemetry_rollup_1m (
  series_id  integer NOT NULL,
  bucket_ms  bigint NOT NULL,
  min        double precision NOT NULL,
  max        double precision NOT NULL,
  sum        double precision NOT NULL,
  count      integer NOT NULL,
  last       double precision NOT NULL,
  last_at_ms bigint NOT NULL,
  PRIMARY KEY (series_id, bucket_ms)
) WITH (fillfactor = 70);
CREATE INDEX telemetry_rollup_1m_bucket_brin ON telemetry_rollup_1m USING brin (bucket_ms);

-- Same shape, buckets of one hour (bucket_ms a multiple of 3 600 000).
CREATE TABLE telemetry_rollup_1h (
  series_id  integer NOT NULL,
  bucket_ms  bigint NOT NULL,
  min        double precision NOT NULL,
  max        double precision NOT NULL,
  sum        double precision NOT NULL,
  count      integer NOT NULL,
  last       double precision NOT NULL,
  last_at_ms bigint NOT NULL,
  PRIMARY KEY (series_id, bucket_ms)
) WITH (fillfactor = 70);
CREATE INDEX telemetry_rollup_1h_bucket_brin ON telemetry_rollup_1h USING brin (bucket_ms);
