import type { Db } from '@corridor/store';

/** The backoff of one kind of key. */
export interface KeyLimits {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
}

export interface ThrottleOptions {
  /** Failures on one name from any address: its owner is the one to protect, so the long backoff. */
  perUser: KeyLimits;
  /**
   * Failures from one address on any names. More free failures and a short cap: a whole office behind
   * one NAT shares the key, so it slows a sprayer down without locking everyone out for long.
   */
  perAddress: KeyLimits;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
  /** A reservation older than this was left by an attempt that never ended (a crash) and no longer counts. */
  staleAttemptMs: number;
  now: () => number;
}

const DEFAULTS: ThrottleOptions = {
  perUser: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 },
  perAddress: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 60_000 },
  forgetAfterMs: 60 * 60_000,
  staleAttemptMs: 30_000,
  now: Date.now,
};

/** The counters one sign-in is throttled by: its source address and the name it tries (any case). */
export interface ThrottleKeys {
  address: string;
  user: string;
}

export function throttleKeys(ip: string, username: string): ThrottleKeys {
  return { address: `ip:${ip}`, user: `user:${username.toLowerCase()}` };
}

/** Above this many failures past the free ones the wait is at its cap anyway (and 2^n stays finite). */
const MAX_DOUBLINGS = 40;
/** What a refused attempt is told when it only met others still being checked. */
const IN_FLIGHT_RETRY_MS = 1000;

/**
 * Login throttling shared by every replica (`bff_login_throttle`). An attempt first reserves itself on
 * its address key and its name key in ONE statement that also decides whether it may run: it may while
 * the key is not blocked and its failures plus the attempts in flight are under the free failures, or,
 * past them, when no other attempt is in flight. So N parallel guesses get at most the free failures'
 * worth of real password checks (the rest are refused before any check), whichever replica serves them.
 * Each failure past the free ones blocks the key 1 s, 2 s, 4 s … up to its cap; a success clears the
 * name's failures only, never the address's, so signing in to one's own account between guesses at
 * others does not reset anything. Failures are forgotten after an hour of quiet.
 */
export class LoginThrottle {
  private readonly options: ThrottleOptions;

  constructor(
    private readonly db: Db,
    options: Partial<ThrottleOptions> = {},
  ) {
    this.options = {
      ...DEFAULTS,
      ...options,
      perUser: { ...DEFAULTS.perUser, ...options.perUser },
      perAddress: { ...DEFAULTS.perAddress, ...options.perAddress },
    };
  }

  /**
   * Reserves an attempt: 0 when it may run (then exactly one of `failed`, `succeeded` or `abandoned`
   * must follow), otherwise how long to wait; a refused attempt holds nothing.
   */
  async reserve(keys: ThrottleKeys): Promise<number> {
    const { perAddress, perUser, staleAttemptMs, now: clock } = this.options;
    const now = new Date(clock());
    const stale = new Date(now.getTime() - staleAttemptMs);
    // Rows are locked in VALUES order (address, then name) by every statement here, so two attempts never
    // wait on each other crosswise. `live` is the attempts in flight, a crashed attempt's reservation aside.
    const live = `(CASE WHEN t.updated_at < $4 THEN 0 ELSE t.in_flight END)`;
    const { rows } = await this.db.query<{ key: string }>(
      `INSERT INTO bff_login_throttle AS t (key, failures, in_flight, updated_at) VALUES ($1, 0, 1, $3), ($2, 0, 1, $3)
       ON CONFLICT (key) DO UPDATE SET in_flight = ${live} + 1, updated_at = $3
         WHERE (t.blocked_until IS NULL OR t.blocked_until <= $3)
           AND (t.failures + ${live} < (CASE WHEN t.key = $1 THEN $5::int ELSE $6::int END) OR ${live} = 0)
       RETURNING t.key`,
      [keys.address, keys.user, now, stale, perAddress.freeFailures, perUser.freeFailures],
    );
    if (rows.length === 2) return 0;
    for (const { key } of rows) await this.release(key);
    const blocked = await this.db.query<{ blocked_until: Date | string }>('SELECT blocked_until FROM bff_login_throttle WHERE key = ANY($1) AND blocked_until > $2', [[keys.address, keys.user], now]);
    return Math.max(IN_FLIGHT_RETRY_MS, ...blocked.rows.map((r) => new Date(r.blocked_until).getTime() - now.getTime()));
  }

  /** The reserved attempt failed: one more failure on each key, which blocks a key past its free failures. */
  async failed(keys: ThrottleKeys): Promise<void> {
    const { forgetAfterMs, now: clock } = this.options;
    const now = clock();
    // Forget quiet keys; SKIP LOCKED so the sweep never waits on (or deadlocks with) a live attempt.
    await this.db.query(`DELETE FROM bff_login_throttle WHERE key IN (SELECT key FROM bff_login_throttle WHERE updated_at < $1 AND key <> ALL($2) FOR UPDATE SKIP LOCKED)`, [
      new Date(now - forgetAfterMs),
      [keys.address, keys.user],
    ]);
    await this.countFailure(keys.address, this.options.perAddress, now);
    await this.countFailure(keys.user, this.options.perUser, now);
  }

  /** The reserved attempt signed in: the name's failures are cleared; the address's stay. */
  async succeeded(keys: ThrottleKeys): Promise<void> {
    await this.release(keys.address);
    await this.db.query('DELETE FROM bff_login_throttle WHERE key = $1', [keys.user]);
  }

  /** The reserved attempt ended without an answer (an error): it counts as nothing. */
  async abandoned(keys: ThrottleKeys): Promise<void> {
    await this.release(keys.address);
    await this.release(keys.user);
  }

  private async release(key: string): Promise<void> {
    await this.db.query('UPDATE bff_login_throttle SET in_flight = GREATEST(in_flight - 1, 0) WHERE key = $1', [key]);
  }

  private async countFailure(key: string, { freeFailures, baseDelayMs, maxDelayMs }: KeyLimits, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO bff_login_throttle AS t (key, failures, in_flight, updated_at) VALUES ($1, 1, 0, $2)
       ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, in_flight = GREATEST(t.in_flight - 1, 0), updated_at = $2,
         blocked_until = CASE WHEN t.failures + 1 < $3::int THEN t.blocked_until
           ELSE $2::timestamptz + make_interval(secs => LEAST($4::float8 * power(2, LEAST(t.failures + 1 - $3::int, ${MAX_DOUBLINGS})), $5::float8) / 1000) END`,
      [key, new Date(now), freeFailures, baseDelayMs, maxDelayMs],
    );
  }
}
