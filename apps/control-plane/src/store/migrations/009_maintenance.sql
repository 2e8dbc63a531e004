-- Maintenance windows (issue 16): a span on one site or one link, optionally repeated weekly from its
-- first start, during which the site is declared `maintenance` (placement rejects it; its alerts are
-- recorded, not notified). A deleted window is kept, marked, so the audit log's references resolve.
CREATE TABLE maintenance_windows (
  id          text PRIMARY KEY,
  site_id     text,
  link_id     text,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  recurrence  text CHECK (recurrence IN ('weekly')),
  reason      text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  deleted_by  text,
  CHECK ((site_id IS NULL) <> (link_id IS NULL)),
  CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_live ON maintenance_windows (starts_at) WHERE deleted_at IS NULL;
