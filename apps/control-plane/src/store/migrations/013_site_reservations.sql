-- The reservations summed by the database itself (issue 12): the ledger read them as a sum over every
-- active workload (100,000 rows at the benchmark's size: 228 ms on PostgreSQL, 477 ms on PGlite just
-- after a commit). Triggers on workloads keep three summaries, inside the writer's transaction, so they
-- are exact under concurrency and across replicas:
--   site_reservations         per site and model: the fleet ledger's committed GPUs and kW;
--   tenant_site_reservations  the same per tenant: a tenant's own ledger;
--   reservation_sizes         active workloads per GPU count: the median (typical) request.
-- A workload reserves while its state is placed, running or migrating (ACTIVE_STATES, workload-store.ts;
-- such a row always has site_id and gpu_model: 004_placement.sql). `workloads` counts the rows summed in
-- a group: a group is deleted when it reaches 0, so a released site leaves no float residue behind.
CREATE TABLE site_reservations (
  site_id    text NOT NULL,
  gpu_model  text NOT NULL,
  workloads  integer NOT NULL,
  gpus       bigint NOT NULL,
  power_kw   double precision NOT NULL,
  PRIMARY KEY (site_id, gpu_model)
);
CREATE TABLE tenant_site_reservations (
  tenant     text NOT NULL,
  site_id    text NOT NULL,
  gpu_model  text NOT NULL,
  workloads  integer NOT NULL,
  gpus       bigint NOT NULL,
  power_kw   double precision NOT NULL,
  PRIMARY KEY (tenant, site_id, gpu_model)
);
CREATE TABLE reservation_sizes (
  gpu_count  integer PRIMARY KEY,
  workloads  integer NOT NULL
);

-- Whether a workload in this state holds its reservation.
CREATE FUNCTION workload_reserves(state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 IN (''placed'', ''running'', ''migrating'')';

-- One statement's change, from its transition tables: the rows it left reserving count +1, those it
-- found reserving -1, summed per group; groups whose change is nil (an update that moved nothing: a
-- start, a policy flag) are skipped, so such statements lock no summary row. Groups are upserted in key
-- order and the tables in one order, so two writers take the rows they share in the same order and
-- cannot deadlock on them. The body is an E'' string with \073 for each semicolon: the migration runner
-- splits statements at semicolons (packages/store/src/migrate.ts). The change is gathered once in a
-- session's temporary table (emptied before returning; an error rolls it back with the rest).
CREATE FUNCTION workloads_keep_reservations() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF to_regclass(''pg_temp.reservation_change'') IS NULL THEN
    CREATE TEMP TABLE reservation_change (sign integer, tenant text, site_id text, gpu_model text, gpu_count integer, power_kw double precision)\073
  END IF\073
  IF TG_OP <> ''INSERT'' THEN
    INSERT INTO pg_temp.reservation_change SELECT -1, tenant, site_id, gpu_model, gpu_count, power_kw FROM old_rows WHERE workload_reserves(state)\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    INSERT INTO pg_temp.reservation_change SELECT 1, tenant, site_id, gpu_model, gpu_count, power_kw FROM new_rows WHERE workload_reserves(state)\073
  END IF\073

  INSERT INTO site_reservations AS s (site_id, gpu_model, workloads, gpus, power_kw)
  SELECT site_id, gpu_model, sum(sign), sum(sign * gpu_count), sum(sign * power_kw) FROM pg_temp.reservation_change
   GROUP BY 1, 2 HAVING sum(sign) <> 0 OR sum(sign * gpu_count) <> 0 OR sum(sign * power_kw) <> 0 ORDER BY 1, 2
  ON CONFLICT (site_id, gpu_model) DO UPDATE
    SET workloads = s.workloads + excluded.workloads, gpus = s.gpus + excluded.gpus, power_kw = s.power_kw + excluded.power_kw\073
  DELETE FROM site_reservations WHERE workloads = 0 AND (site_id, gpu_model) IN (SELECT site_id, gpu_model FROM pg_temp.reservation_change)\073

  INSERT INTO tenant_site_reservations AS s (tenant, site_id, gpu_model, workloads, gpus, power_kw)
  SELECT tenant, site_id, gpu_model, sum(sign), sum(sign * gpu_count), sum(sign * power_kw) FROM pg_temp.reservation_change
   GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 OR sum(sign * gpu_count) <> 0 OR sum(sign * power_kw) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (tenant, site_id, gpu_model) DO UPDATE
    SET workloads = s.workloads + excluded.workloads, gpus = s.gpus + excluded.gpus, power_kw = s.power_kw + excluded.power_kw\073
  DELETE FROM tenant_site_reservations
   WHERE workloads = 0 AND (tenant, site_id, gpu_model) IN (SELECT tenant, site_id, gpu_model FROM pg_temp.reservation_change)\073

  INSERT INTO reservation_sizes AS s (gpu_count, workloads)
  SELECT gpu_count, sum(sign) FROM pg_temp.reservation_change GROUP BY 1 HAVING sum(sign) <> 0 ORDER BY 1
  ON CONFLICT (gpu_count) DO UPDATE SET workloads = s.workloads + excluded.workloads\073
  DELETE FROM reservation_sizes WHERE workloads = 0 AND gpu_count IN (SELECT gpu_count FROM pg_temp.reservation_change)\073

  DELETE FROM pg_temp.reservation_change\073
  RETURN NULL\073
END';

-- Transition tables allow one event per trigger. Taken before the back-fill: CREATE TRIGGER waits for
-- the writers under way and holds them off until this migration commits, so no change is missed or
-- counted twice (replicas of an older release keep writing once it has committed, and are counted).
LOCK TABLE workloads IN SHARE ROW EXCLUSIVE MODE;
CREATE TRIGGER workloads_reservations_insert AFTER INSERT ON workloads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workloads_keep_reservations();
CREATE TRIGGER workloads_reservations_update AFTER UPDATE ON workloads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workloads_keep_reservations();
CREATE TRIGGER workloads_reservations_delete AFTER DELETE ON workloads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workloads_keep_reservations();

INSERT INTO site_reservations (site_id, gpu_model, workloads, gpus, power_kw)
SELECT site_id, gpu_model, count(*), sum(gpu_count), sum(power_kw) FROM workloads WHERE workload_reserves(state) GROUP BY 1, 2;
INSERT INTO tenant_site_reservations (tenant, site_id, gpu_model, workloads, gpus, power_kw)
SELECT tenant, site_id, gpu_model, count(*), sum(gpu_count), sum(power_kw) FROM workloads WHERE workload_reserves(state) GROUP BY 1, 2, 3;
INSERT INTO reservation_sizes (gpu_count, workloads)
SELECT gpu_count, count(*) FROM workloads WHERE workload_reserves(state) GROUP BY 1;
