-- The NOC's timeline (issue 16): what happened, in order — alerts, acknowledgements, silences, faults,
-- health changes, maintenance, drains, migrations, commits, releases. The id is the order: the API pages
-- back from a `before` id, and ids only grow (an identity column, on PGlite and PostgreSQL alike).
CREATE TABLE timeline_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  kind        text NOT NULL,
  site_id     text,
  link_id     text,
  workload_id text,
  -- The tenant whose workload the event concerns: a tenant user reads only its own rows.
  tenant      text,
  actor       text,
  summary     text NOT NULL,
  detail      jsonb NOT NULL
);
-- Newest first, by kind, by entity and by tenant: each filter the API offers walks an index from `before` down.
CREATE INDEX timeline_by_kind ON timeline_events (kind, id);
CREATE INDEX timeline_by_site ON timeline_events (site_id, id) WHERE site_id IS NOT NULL;
CREATE INDEX timeline_by_link ON timeline_events (link_id, id) WHERE link_id IS NOT NULL;
CREATE INDEX timeline_by_workload ON timeline_events (workload_id, id) WHERE workload_id IS NOT NULL;
CREATE INDEX timeline_by_tenant ON timeline_events (tenant, id) WHERE tenant IS NOT NULL;
CREATE INDEX timeline_by_at ON timeline_events (at, id);
