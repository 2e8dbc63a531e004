-- Sites an operator confirmed down (issue 16): read `down` whatever their telemetry says, and their
-- workloads re-placed as for an observed site-down, until the confirmation is withdrawn. Kept so a
-- restart does not quietly bring a site the operator knows is dark back into placement.
CREATE TABLE site_confirmed_down (
  site_id      text PRIMARY KEY,
  confirmed_by text NOT NULL,
  confirmed_at timestamptz NOT NULL
);
