import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Sample } from '@corridor/shared';
import { STORE_KINDS } from './stores.ts';
import { telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';
import { createTelemetryStore, hourRows, RAW_SAMPLES } from '../src/telemetry/telemetry-store-sql.ts';

/** Resolves once another session of this database waits on a lock; fails after 5 s. */
async function untilBlocked(db: { query<R>(sql: string): Promise<{ rows: R[] }> }): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows[0]!.n > 0) return;
    if (Date.now() > deadline) throw new Error('the batch never waited on the close');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const M = 60_000;
const H = 60 * M;
const T0 = Date.UTC(2026, 5, 21, 10);

interface Aggregate {
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastAt: number;
}

/** min/max/sum/count/last per (series, bucket) computed in JS from the rows the raw table holds. */
function aggregate(rows: { key: string; at: number; value: number }[], bucketMs: number): Map<string, Aggregate> {
  const out = new Map<string, Aggregate>();
  for (const { key, at, value } of rows) {
    const k = `${key}@${at - (at % bucketMs)}`;
    const a = out.get(k);
    if (!a) out.set(k, { min: value, max: value, sum: value, count: 1, last: value, lastAt: at });
    else {
      a.min = Math.min(a.min, value);
      a.max = Math.max(a.max, value);
      a.sum += value;
      a.count++;
      if (at > a.lastAt) Object.assign(a, { last: value, lastAt: at });
    }
  }
  return out;
}

describe.each(STORE_KINDS)('telemetry rollups on %s', (kind) => {
  let h: TelemetryHarness;
  beforeAll(async () => {
    h = await telemetryHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  const rawRows = async (entity: string) =>
    (
      await h.db.query<{ key: string; at: number; value: number }>(
        `SELECT s.metric || '/' || s.entity_id AS key, r.at_ms::float8 AS at, r.value
           FROM ${RAW_SAMPLES} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
        [entity],
      )
    ).rows;
  const rollupRows = async (table: string, entity: string) => {
    const { rows } = await h.db.query<Aggregate & { key: string; bucket: number }>(
      `SELECT s.metric || '/' || s.entity_id AS key, r.bucket_ms::float8 AS bucket, r.min, r.max, r.sum, r.count, r.last, r.last_at_ms::float8 AS "lastAt"
         FROM ${table} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
      [entity],
    );
    return new Map(rows.map(({ key, bucket, ...a }) => [`${key}@${bucket}`, a]));
  };
  /** The 1-hour rows as the store reads them: closed hours from the table, open ones from the 1-minute rows. */
  const HOURS = `(SELECT s.id AS series_id, h.* FROM telemetry_series s, LATERAL (${hourRows('s.id', '0', '9223372036854775807')}) h)`;

  it('keeps the 1-minute and 1-hour rollups equal to min/max/avg/last of the raw samples, whatever the batching and duplicates', async () => {
    let run = 0;
    const sampleArb = fc.record({
      metric: fc.constantFrom('site_it_power_watts' as const, 'gpu_temperature_mean_celsius' as const),
      offsetMs: fc.integer({ min: 0, max: 3 * H }),
      value: fc.double({ min: 0, max: 150, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(sampleArb, { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 4 }),
        fc.boolean(),
        async (draws, cuts, repeats, closeAt, oneByOne) => {
          const entity = `rollup-${kind}-${++run}`;
          const base = T0 + run * 4 * H; // hours of its own, so that every run starts with open hours
          // Coarse offsets so that repeats of one instant (duplicates) are common.
          const samples: Sample[] = draws.map((d) => ({ metric: d.metric, siteId: entity, at: base + d.offsetMs - (d.offsetMs % 1000), value: d.value }));
          const bounds = [...new Set(cuts.map((c) => c % samples.length))].sort((a, b) => a - b);
          const batches = [0, ...bounds, samples.length].slice(1).map((end, i, ends) => samples.slice(i === 0 ? 0 : ends[i - 1], end));
          // Hours close part-way (the mark only moves forward across runs): samples then go into the
          // 1-hour table at ingest (closed hours), at the close (fold) or stay open (read from 1-minute rows).
          // A batch with one sample per series takes the store's other form of the statement: some runs
          // send every sample of the first batch on its own.
          for (const [i, batch] of batches.entries()) {
            if (i === 1) await h.telemetry.closeHours(base + closeAt * H);
            if (i === 0 && oneByOne) for (const sample of batch) await h.telemetry.insert([sample]);
            else if (batch.length) await h.telemetry.insert(batch);
          }
          for (let i = 0; i < repeats; i++) await h.telemetry.insert(batches[i % batches.length]!.length ? batches[i % batches.length]! : samples);

          const raw = await rawRows(entity);
          expect(raw.length).toBe(new Set(samples.map((s) => `${s.metric}@${s.at}`)).size);
          const levels = [
            ['telemetry_minutes', M],
            [HOURS, H],
            ['closed', H],
          ] as const;
          for (const [table, bucketMs] of levels) {
            // Last, every hour closed: the 1-hour table alone must then hold them all.
            if (table === 'closed') await h.telemetry.closeHours(base + 4 * H);
            const expected = aggregate(raw, bucketMs);
            const actual = await rollupRows(table === 'closed' ? 'telemetry_rollup_1h' : table, entity);
            expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
            for (const [key, e] of expected) {
              const a = actual.get(key)!;
              expect({ ...a, sum: 0 }, key).toEqual({ ...e, sum: 0 });
              expect(a.sum / a.count).toBeCloseTo(e.sum / e.count, 9);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('answers the same buckets from raw samples, 1-minute and 1-hour rollups', async () => {
    const entity = 'site-b'; // a site of the fleet: a series of an unknown site reads as undefined
    const samples: Sample[] = Array.from({ length: 2 * 720 }, (_, i) => ({
      metric: 'site_pue_ratio',
      siteId: entity,
      at: T0 + i * 5000 + (i % 3),
      value: 1.2 + 0.1 * Math.sin(i / 50),
    }));
    await h.telemetry.insert(samples);
    const read = (resolution: 'raw' | '1m' | '1h') => h.telemetry.series({ entityKind: 'site', entityId: entity, metric: 'site_pue_ratio', resolution, stepMs: H, fromMs: T0, toMs: T0 + 2 * H });
    const [raw, minute, hour] = [(await read('raw'))!, (await read('1m'))!, (await read('1h'))!];
    expect(raw).toHaveLength(2);
    for (const level of [minute, hour]) {
      expect(level.map((b) => [b.t, b.min, b.max, b.count, b.last])).toEqual(raw.map((b) => [b.t, b.min, b.max, b.count, b.last]));
      level.forEach((b, i) => expect(b.sum).toBeCloseTo(raw[i]!.sum, 6));
    }
  });

  it('counts a batch once when the same and overlapping batches are stored concurrently', async () => {
    const entity = `concurrent-${kind}`;
    const batch = (from: number, n: number): Sample[] => Array.from({ length: n }, (_, i) => ({ metric: 'site_it_power_watts', siteId: entity, at: T0 + (from + i) * 1000, value: from + i }));
    const a = batch(0, 500);
    const b = batch(250, 500).reverse();
    const results = await Promise.all([a, b, a, b, a].map((x) => h.telemetry.insert(x)));
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(750);
    const { rows } = await h.db.query<{ count: number; sum: number }>(
      `SELECT sum(r.count)::float8 AS count, sum(r.sum) AS sum FROM ${HOURS} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
      [entity],
    );
    expect(rows[0]).toEqual({ count: 750, sum: (749 * 750) / 2 });
  });

  it('counts an instant once when batches of one instant per series race on the same minutes', async () => {
    const entities = [0, 1, 2].map((i) => `race-${kind}-${i}`);
    // 20 batches, each one instant of three series; every instant is sent twice, all in one minute.
    const batches = Array.from({ length: 20 }, (_, k): Sample[] => entities.map((siteId, i) => ({ metric: 'site_it_power_watts', siteId, at: T0 + 500 * H + (k % 10) * 1000, value: 10 * k + i })));
    const results = await Promise.all(batches.map((b) => h.telemetry.insert(b)));
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(30);
    for (const siteId of entities) {
      const { rows } = await h.db.query<{ count: number; raw: number }>(
        `SELECT r.count, cardinality(r.at_ms) AS raw FROM telemetry_minutes r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
        [siteId],
      );
      expect(rows).toEqual([{ count: 10, raw: 10 }]);
    }
  });

  it('loses and double counts nothing when hours close while batches of those hours are stored', async () => {
    const entity = `close-race-${kind}`;
    const base = T0 + 2000 * H; // past the hours the other tests close
    const batch = (k: number): Sample[] =>
      Array.from({ length: 300 }, (_, i) => ({ metric: 'site_it_power_watts', siteId: entity, at: base + (((k * 300 + i) * 1000) % (4 * H)), value: k * 300 + i }));
    const work = Array.from({ length: 40 }, (_, k) => (k % 8 === 7 ? h.telemetry.closeHours(base + ((k + 1) / 8) * H) : h.telemetry.insert(batch(k))));
    await Promise.all(work);
    await h.telemetry.closeHours(base + 5 * H);
    const totals = async (from: string) =>
      (
        await h.db.query<{ count: number; sum: number }>(
          `SELECT sum(r.count)::float8 AS count, sum(r.sum) AS sum FROM ${from} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
          [entity],
        )
      ).rows[0];
    const raw = (
      await h.db.query<{ count: number; sum: number }>(
        `SELECT count(*)::float8 AS count, sum(value) AS sum FROM ${RAW_SAMPLES} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
        [entity],
      )
    ).rows[0]!;
    expect(raw.count).toBe(35 * 300);
    expect(await totals('telemetry_minutes')).toEqual(raw);
    expect(await totals('telemetry_rollup_1h')).toEqual(raw);
  });

  it('rolls a batch up into the 1-hour table when its hour closed while it waited for the close', async () => {
    const entity = `close-wait-${kind}`;
    const base = T0 + 3000 * H;
    const samples: Sample[] = Array.from({ length: 100 }, (_, i) => ({ metric: 'site_it_power_watts', siteId: entity, at: base + i * 1000, value: i }));
    await h.telemetry.insert(samples.slice(0, 1)); // registers the series, so that the batch below is the ingest statement alone
    let stored: Promise<unknown> = Promise.resolve();
    await h.db.transaction(async (tx) => {
      // A close in progress: the mark moved past the samples' hour and the hour folded (the one sample
      // stored so far), not yet committed. On PostgreSQL the batch blocks on the mark until the commit,
      // then must go by the new mark: into the 1-hour table, as the fold has passed.
      await tx.query('UPDATE telemetry_marks SET upto_ms = $1', [base + 2 * H]);
      await tx.query(
        `INSERT INTO telemetry_rollup_1h SELECT series_id, bucket_ms, min, max, sum, count, last, last_at_ms FROM telemetry_minutes r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
        [entity],
      );
      stored = h.telemetry.insert(samples.slice(1));
      // PGlite runs one statement at a time, so the batch simply waits for this commit. On PostgreSQL,
      // hold the close open until the batch is seen waiting on a lock (bounded), then commit.
      if (h.db.kind === 'postgres') await untilBlocked(h.db);
    });
    await stored;
    const { rows } = await h.db.query<{ count: number; sum: number }>(
      `SELECT sum(r.count)::float8 AS count, sum(r.sum) AS sum FROM ${HOURS} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`,
      [entity],
    );
    expect(rows[0]).toEqual({ count: 100, sum: (99 * 100) / 2 });
  });

  it('reads no series for a site that is not in the fleet', async () => {
    await h.telemetry.insert([{ metric: 'site_pue_ratio', siteId: 'gone', at: T0, value: 1.2 }]);
    expect(await h.telemetry.series({ entityKind: 'site', entityId: 'gone', metric: 'site_pue_ratio', resolution: 'raw', stepMs: H, fromMs: T0, toMs: T0 + H })).toBeUndefined();
  });

  it('keeps minute rows as long as the raw samples they hold when raw samples are kept longer than 30 days', async () => {
    const telemetry = createTelemetryStore(h.db, { rawRetentionMs: 45 * 24 * H });
    expect(telemetry.retention).toMatchObject({ rawMs: 45 * 24 * H, minuteMs: 45 * 24 * H });
    const now = Date.UTC(2026, 5, 22, 12);
    const entity = `long-raw-${kind}`;
    await telemetry.insert([{ metric: 'site_pue_ratio', siteId: entity, at: now - 40 * 24 * H, value: 1.3 }]);
    await telemetry.prune(now);
    const { rows } = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${RAW_SAMPLES} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1`, [entity]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('prunes each level past its own retention', async () => {
    const now = Date.UTC(2026, 5, 21, 12);
    const entity = `prune-${kind}`;
    const at = (agoMs: number) => ({ metric: 'site_pue_ratio' as const, siteId: entity, at: now - agoMs, value: 1.3 });
    await h.telemetry.insert([at(H), at(3 * 24 * H), at(40 * 24 * H), at(500 * 24 * H)]);
    const gone = await h.telemetry.prune(now);
    expect(gone.raw).toBeGreaterThanOrEqual(3);
    const left = async (table: string, column: string) =>
      (
        await h.db.query<{ ago: number }>(`SELECT ($2::bigint - ${column})::float8 AS ago FROM ${table} r JOIN telemetry_series s ON s.id = r.series_id WHERE s.entity_id = $1 ORDER BY 1`, [
          entity,
          now,
        ])
      ).rows.map((r) => r.ago);
    expect(await left(RAW_SAMPLES, 'at_ms')).toEqual([H]);
    expect((await left('telemetry_minutes', 'bucket_ms')).map((ago) => Math.round(ago / (24 * H)))).toEqual([0, 3]);
    expect((await left('telemetry_rollup_1h', 'bucket_ms')).map((ago) => Math.round(ago / (24 * H)))).toEqual([0, 3, 40]);
    // Past the raw window a sample could not be told from one already stored: it is skipped.
    expect(await h.telemetry.insert([{ ...at(3 * 24 * H), value: 2 }])).toEqual({ inserted: 0 });
    expect(await h.telemetry.insert([{ ...at(H - 5000), value: 2 }])).toEqual({ inserted: 1 });
  });
});
