-- Placement: workloads with the reservation they hold, idempotent commits, and the hash-chained audit log.

-- A workload holds its reservation in its own row: while its state is placed, running or migrating, its
-- GPUs (gpu_count of gpu_model) and power (power_kw) are held on site_id. A site's reserved capacity is
-- the sum over those rows, re-read under the site's row lock at every commit (placement/workload-store.ts).
-- site_id has no foreign key: the fleet file may drop a site that still has workloads, and the sync must
-- not fail on it (those workloads are then re-planned like those of a site that went offline).
CREATE TABLE workloads (
  id               text PRIMARY KEY,
  name             text NOT NULL,
  tenant           text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('training', 'fine-tuning', 'inference', 'batch')),
  sector           text NOT NULL,
  data_class       text NOT NULL,
  data_origin      text NOT NULL,
  state            text NOT NULL CHECK (state IN ('pending', 'placed', 'running', 'migrating', 'stranded', 'released')),
  site_id          text,
  gpu_model        text,
  gpu_count        integer NOT NULL CHECK (gpu_count >= 1),
  power_kw         double precision NOT NULL CHECK (power_kw >= 0),
  request          jsonb NOT NULL,
  plan             jsonb,
  stranded_reasons jsonb,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  released_at      timestamptz,
  CHECK (state NOT IN ('placed', 'running', 'migrating') OR (site_id IS NOT NULL AND gpu_model IS NOT NULL))
);
-- What a commit re-reads under the site lock: the active reservations of one site.
CREATE INDEX workloads_active_by_site ON workloads (site_id, gpu_model) WHERE state IN ('placed', 'running', 'migrating');
CREATE INDEX workloads_by_state ON workloads (state, created_at);
CREATE INDEX workloads_by_tenant ON workloads (tenant, created_at);

-- A successful commit made with an Idempotency-Key: the same key and body answer the same response
-- again; the same key with another body is refused. request_hash is sha256 of the parsed request.
CREATE TABLE idempotency_keys (
  key          text PRIMARY KEY,
  request_hash text NOT NULL,
  workload_id  text NOT NULL REFERENCES workloads (id),
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL
);

-- Append-only. hash = sha256(prev_hash ‖ canonical JSON of the record without its hash), the first
-- record's prev_hash is 64 zeros. Appends lock audit_head (FOR UPDATE), so concurrent writers take
-- turns and the chain never forks; the head also tells a truncated tail from a complete chain.
CREATE TABLE audit_log (
  seq       bigint PRIMARY KEY,
  at        timestamptz NOT NULL,
  actor     text NOT NULL,
  action    text NOT NULL,
  subject   text NOT NULL,
  detail    jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);

CREATE TABLE audit_head (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000');
