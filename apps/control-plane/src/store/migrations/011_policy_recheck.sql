-- Policy changes re-check what runs (issue 15). A placed or running workload that the policy pack in
-- force no longer allows where it runs carries the rule that now forbids it (policy_flag, JSON of
-- PolicyFlagSchema): flagged for the operator, never moved. policy_checks keeps the version the
-- workloads were last checked against, so a start with another pack re-checks them once.
ALTER TABLE workloads ADD COLUMN policy_flag jsonb;
CREATE INDEX workloads_policy_flagged ON workloads (created_at) WHERE policy_flag IS NOT NULL;

CREATE TABLE policy_checks (
  id          smallint PRIMARY KEY CHECK (id = 1),
  version     text NOT NULL,
  checked_at  timestamptz NOT NULL
);
