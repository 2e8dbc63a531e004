-- Alerts and silences (issue 16). Each alert is one episode of a rule on one site or link (or a
-- condition the control plane raised itself), kept whole as JSON (the API's Alert) beside the columns
-- the list filters on. At most one open (pending or firing) alert per series: series_key is
-- `<ruleId>|site:<id>`, `<ruleId>|link:<id>` or `raised:<key>`.
CREATE TABLE alerts (
  id text PRIMARY KEY,
  series_key text NOT NULL,
  rule_id text NOT NULL,
  state text NOT NULL,
  severity text NOT NULL,
  site_id text,
  link_id text,
  starts_at timestamptz NOT NULL,
  resolved_at timestamptz,
  body jsonb NOT NULL
);
CREATE UNIQUE INDEX alerts_one_open_per_series ON alerts (series_key) WHERE state <> 'resolved';
CREATE INDEX alerts_by_resolved_at ON alerts (resolved_at);

CREATE TABLE alert_silences (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  expired_at timestamptz,
  body jsonb NOT NULL
);
CREATE INDEX alert_silences_by_ends_at ON alert_silences (ends_at);
