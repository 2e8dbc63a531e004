import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate as migrateDir, openDb } from '@corridor/store';
import { migrate } from '../src/store/migrate.ts';
import { createTelemetryStore, RAW_SAMPLES } from '../src/telemetry/telemetry-store-sql.ts';
import { STORE_KINDS, freshStore } from './stores.ts';

const MIGRATIONS = fileURLToPath(new URL('../src/store/migrations/', import.meta.url));
const M = 60_000;
const T0 = Date.UTC(2026, 5, 21, 10);

/** A folder with the migrations before `first` only: a store as an earlier release left it. */
function migrationsBefore(first: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-migrations-'));
  for (const file of readdirSync(MIGRATIONS).filter((f) => f < first)) cpSync(join(MIGRATIONS, file), join(dir, file));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.each(STORE_KINDS)('migration 005 (samples into their minutes) on %s', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every rollup, moves the raw samples kept into their minutes, and stores on from there', async () => {
    const store = await freshStore(kind);
    cleanups.push(store.cleanup);
    const db = await openDb(store);
    cleanups.push(() => db.close());
    const earlier = migrationsBefore('005');
    cleanups.push(earlier.remove);
    await migrateDir(db, { dir: earlier.dir, table: 'schema_migrations', lockKey: 727_001 });

    // What 004 stored: two series; minutes 0–2 rolled up, the raw samples of minute 0 partly pruned
    // (the last prune cut through it), minutes 1 and 2 whole.
    await db.query(`INSERT INTO telemetry_series (metric, entity_kind, entity_id) VALUES ('site_pue_ratio', 'site', 'a'), ('site_pue_ratio', 'site', 'b')`);
    const samples = [
      [1, T0 + 30_000, 1.5],
      [1, T0 + M + 5000, 1.25],
      [1, T0 + M + 10_000, 1.75],
      [2, T0 + 2 * M, 2],
    ] as const;
    for (const [series, at, value] of samples) await db.query('INSERT INTO telemetry_samples VALUES ($1, $2, $3)', [series, at, value]);
    const rollups = [
      [1, T0, 1.1, 1.5, 2.6, 2, 1.5, T0 + 30_000],
      [1, T0 + M, 1.25, 1.75, 3, 2, 1.75, T0 + M + 10_000],
      [2, T0 + 2 * M, 2, 2, 2, 1, 2, T0 + 2 * M],
    ] as const;
    for (const row of rollups) await db.query('INSERT INTO telemetry_rollup_1m VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [...row]);

    expect(await migrate(db)).toContain('005_telemetry_minutes.sql');

    const { rows } = await db.query<Record<string, unknown>>(
      'SELECT series_id, bucket_ms::float8 AS bucket, min, max, sum, count, last, last_at_ms::float8 AS last_at, at_ms::float8[] AS at_ms, vals FROM telemetry_minutes ORDER BY 1, 2',
    );
    expect(rows).toEqual([
      // Minute 0 lost part of its samples to the last prune: rollup kept, raw samples not.
      { series_id: 1, bucket: T0, min: 1.1, max: 1.5, sum: 2.6, count: 2, last: 1.5, last_at: T0 + 30_000, at_ms: null, vals: null },
      { series_id: 1, bucket: T0 + M, min: 1.25, max: 1.75, sum: 3, count: 2, last: 1.75, last_at: T0 + M + 10_000, at_ms: [T0 + M + 5000, T0 + M + 10_000], vals: [1.25, 1.75] },
      { series_id: 2, bucket: T0 + 2 * M, min: 2, max: 2, sum: 2, count: 1, last: 2, last_at: T0 + 2 * M, at_ms: [T0 + 2 * M], vals: [2] },
    ]);
    expect((await db.query<{ raw_from: number }>('SELECT raw_from_ms::float8 AS raw_from FROM telemetry_marks')).rows).toEqual([{ raw_from: T0 + M }]);
    const tables = (await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename IN ('telemetry_samples', 'telemetry_rollup_1m')`)).rows;
    expect(tables).toEqual([]);

    // The store carries on: a repeat of a carried-over sample is not stored twice, a new one is, and
    // a sample of the minute whose raw samples were lost is skipped.
    const telemetry = createTelemetryStore(db);
    const sample = (at: number, value: number, siteId = 'a') => ({ metric: 'site_pue_ratio' as const, siteId, at, value });
    expect(await telemetry.insert([sample(T0 + M + 5000, 9)])).toEqual({ inserted: 0 });
    expect(await telemetry.insert([sample(T0 + M + 15_000, 1.5), sample(T0 + 2 * M + 5000, 3, 'b')])).toEqual({ inserted: 2 });
    expect(await telemetry.insert([sample(T0 + 40_000, 1.2)])).toEqual({ inserted: 0 });
    const raw = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${RAW_SAMPLES} r`);
    expect(raw.rows).toEqual([{ n: 5 }]);
  });
});
