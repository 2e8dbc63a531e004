-- The console's identity: who may sign in, their sessions, API tokens and the login throttle.
-- Kept in the database (not in memory) so any number of BFF replicas share them. Every table is
-- prefixed bff_: on a shared PostgreSQL server the control plane's tables sit beside them.

-- People: local accounts (scrypt hash `scrypt$N$r$p$salt$hash`) and OpenID Connect accounts (no
-- password here), recorded at their first sign-in. Disabled, never deleted: the audit log names them.
CREATE TABLE bff_users (
  username text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('executive', 'operator', 'admin', 'tenant')),
  tenant text,
  source text NOT NULL CHECK (source IN ('local', 'oidc')),
  password_hash text,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz,
  CHECK ((role = 'tenant') = (tenant IS NOT NULL)),
  CHECK ((source = 'local') = (password_hash IS NOT NULL))
);

-- Sessions by the sha256 of their id (the cookie's value is never stored). The principal is the one
-- the user signed in as; the session ends at the first of its idle and absolute expiry.
CREATE TABLE bff_sessions (
  id_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES bff_users (username),
  principal jsonb NOT NULL,
  method text NOT NULL CHECK (method IN ('password', 'oidc')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX bff_sessions_username ON bff_sessions (username);
CREATE INDEX bff_sessions_idle_expires_at ON bff_sessions (idle_expires_at);

-- API tokens for automation: the secret is shown once and only its sha256 is kept.
CREATE TABLE bff_api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('executive', 'operator', 'admin', 'tenant')),
  tenant text,
  secret_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK ((role = 'tenant') = (tenant IS NOT NULL))
);

-- Failed sign-ins by `ip:<address>` and by `user:<lower-case name>`, shared by every replica.
CREATE TABLE bff_login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX bff_login_throttle_updated_at ON bff_login_throttle (updated_at);
