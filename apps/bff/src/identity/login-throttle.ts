import type { Db } from '@corridor/store';

export interface ThrottleOptions {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
  now: () => number;
}

const DEFAULTS: ThrottleOptions = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, now: Date.now };

/** The counters a sign-in is throttled by: its source address and the name it tries (any case). */
export function throttleKeys(ip: string, username: string): string[] {
  return [`ip:${ip}`, `user:${username.toLowerCase()}`];
}

/**
 * Login throttling shared by every replica (`bff_login_throttle`): after 5 failures on a key, each
 * further failure blocks it for 1 s, 2 s, 4 s … up to 15 min; a success clears its keys, and failures
 * are forgotten after an hour of quiet. Keyed by address (one source guessing many names) and by name
 * (many sources guessing one name).
 */
export class LoginThrottle {
  private readonly options: ThrottleOptions;

  constructor(
    private readonly db: Db,
    options: Partial<ThrottleOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** How long until the keys may try again; 0 when none is blocked. */
  async retryAfterMs(keys: string[]): Promise<number> {
    const now = this.options.now();
    const { rows } = await this.db.query<{ blocked_until: Date | string }>('SELECT blocked_until FROM bff_login_throttle WHERE key = ANY($1) AND blocked_until > $2', [keys, new Date(now)]);
    return Math.max(0, ...rows.map((r) => new Date(r.blocked_until).getTime() - now));
  }

  /** Counts a failure on each key, and blocks the keys past their free failures. */
  async failed(keys: string[]): Promise<void> {
    const { freeFailures, baseDelayMs, maxDelayMs, forgetAfterMs, now: clock } = this.options;
    const now = clock();
    await this.db.query('DELETE FROM bff_login_throttle WHERE updated_at < $1', [new Date(now - forgetAfterMs)]);
    for (const key of keys) {
      const { rows } = await this.db.query<{ failures: number }>(
        `INSERT INTO bff_login_throttle (key, failures, updated_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET failures = bff_login_throttle.failures + 1, updated_at = $2 RETURNING failures`,
        [key, new Date(now)],
      );
      const over = rows[0]!.failures - freeFailures;
      if (over < 0) continue;
      const delayMs = Math.min(baseDelayMs * 2 ** over, maxDelayMs);
      await this.db.query('UPDATE bff_login_throttle SET blocked_until = $2 WHERE key = $1', [key, new Date(now + delayMs)]);
    }
  }

  /** A success clears the keys' failures. */
  async succeeded(keys: string[]): Promise<void> {
    await this.db.query('DELETE FROM bff_login_throttle WHERE key = ANY($1)', [keys]);
  }
}
