-- The audit chain becomes keyed: each new record's hash is an HMAC with an audit key kept outside the
-- store (audit/audit-keys.ts), and key_id names that key. Records written before stay as they were
-- (key_id NULL, plain sha256) and are verified as before; the first keyed record is an `audit-key` one.
ALTER TABLE audit_log ADD COLUMN key_id text;

-- The audit list's filters (by actor, by time), newest first like the list.
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_at ON audit_log (at, seq);
