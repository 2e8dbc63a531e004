import type { MetricName, Sample, SeriesResolution } from '@corridor/shared';

export type EntityKind = 'site' | 'link';

/** How long each level of the store keeps data. */
export interface Retention {
  rawMs: number;
  minuteMs: number;
  hourMs: number;
}

/** Raw samples 48 h (CORRIDOR_RAW_RETENTION_HOURS), 1-minute rollups 30 d, 1-hour rollups 400 d. */
export const DEFAULT_RETENTION: Retention = { rawMs: 48 * 3_600_000, minuteMs: 30 * 86_400_000, hourMs: 400 * 86_400_000 };

/** One series read: which entity and metric, which level, and the step-aligned window [fromMs, toMs). */
export interface SeriesRead {
  entityKind: EntityKind;
  entityId: string;
  metric: MetricName;
  resolution: SeriesResolution;
  stepMs: number;
  fromMs: number;
  toMs: number;
}

/** The aggregates of one step-wide bucket (only buckets holding samples are answered). */
export interface SeriesBucket {
  t: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
}

/**
 * Where samples are kept: raw samples for a retention window and 1-minute / 1-hour rollups maintained
 * as data arrives (a row per series-minute holds the minute's rollup and its raw samples: migration
 * 005). Implemented over the store (PGlite or PostgreSQL) in telemetry-store-sql.ts.
 */
export interface TelemetryStore {
  readonly retention: Retention;
  /**
   * Stores a batch atomically (all samples or none), updating the 1-minute rollup (and the 1-hour one
   * for closed hours, see closeHours) in the same statement.
   * Idempotent: a sample whose (metric, entity, at) is already stored is skipped and not rolled up
   * again, as is one older than the raw samples prune() has kept (it could not be told from one
   * already stored; the API refuses those before); `inserted` counts the new ones.
   */
  insert(samples: readonly Sample[]): Promise<{ inserted: number }>;
  /** Buckets of one series, oldest first; undefined when the site (or link) is not in the fleet. */
  series(read: SeriesRead): Promise<SeriesBucket[] | undefined>;
  /** The ids among `ids` that name a site (or link) of the fleet. */
  knownEntities(kind: EntityKind, ids: readonly string[]): Promise<Set<string>>;
  /**
   * Folds the 1-minute rollups of the hours before `nowMs`'s hour into 1-hour rows. Until then the
   * 1-hour reads fold those hours from the 1-minute rows themselves: the answers are the same either
   * way. prune() does it first.
   */
  closeHours(nowMs?: number): Promise<void>;
  /** Deletes what is past each level's retention as of `nowMs`; answers the raw samples and rollup rows deleted. */
  prune(nowMs?: number): Promise<{ raw: number; minute: number; hour: number }>;
}
