// Telemetry ingest: samples/s into the telemetry store (each sample into its series' minute row, which
// holds the minute's rollup and its raw samples; the 1-hour rollup for samples of hours already closed;
// one statement per batch), on PGlite and on a PostgreSQL server, batched against single-row inserts in
// the same run. Closing hours (folding their minutes into 1-hour rows) is prune()'s work, not timed here.
//
//   node bench/telemetry-ingest.mjs            (from the repository root; ~1 minute)
//
// Two batch shapes, 5,000 samples each:
//   tick       one instant of 5,000 series (every sample updates its own rollup rows: the worst case)
//   collector  500 series × 10 instants (what an exporter flushing every 50 s sends)
//   tick, 2 writers  (PostgreSQL only) two tick streams at once on disjoint series, as two collectors
// Single-row: the same store, one sample per insert. Target: ≥ 100,000 samples/s batched.
// Ends with a BENCH_RESULT {json} line; exit code 0 when both stores meet the target with both batch
// shapes, 1 otherwise, 2 if it could not run.
import { register } from 'tsx/esm/api';
import { machineLine, table } from './lib/common.mjs';
import { onBothStores } from './lib/stores.mjs';

register();
const cp = new URL('../apps/control-plane/src/', import.meta.url);
const { openDb } = await import(new URL('../../../packages/store/src/db.ts', cp).href);
const { migrate } = await import(new URL('store/migrate.ts', cp).href);
const { createTelemetryStore } = await import(new URL('telemetry/telemetry-store-sql.ts', cp).href);
const { SITE_METRICS, METRICS } = await import(new URL('../../../packages/shared/src/metrics.ts', cp).href);

const TARGET = 100_000;
const BATCH = 5000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const SINGLE_ROW_MS = 4000;
const T0 = Date.UTC(2026, 5, 21, 0, 0, 0);

/** Series: `count` site × metric pairs, metrics varying fastest. */
function seriesList(count, prefix) {
  const list = [];
  for (let site = 0; list.length < count; site++) for (const metric of SITE_METRICS) if (list.length < count) list.push({ metric, siteId: `${prefix}-${site}` });
  return list;
}
const valueOf = (metric, k) => {
  const { min, max, integer } = METRICS[metric];
  const v = min + ((Math.sin(k) + 1) / 2) * Math.min(max - min, 1000);
  return integer ? Math.round(v) : v;
};

/** `n` batches of BATCH samples: `instants` consecutive 5-s instants of BATCH / instants series each. */
function batches(n, instants, prefix) {
  const series = seriesList(BATCH / instants, prefix);
  const out = [];
  let at = T0;
  for (let b = 0; b < n; b++) {
    const batch = [];
    for (let i = 0; i < instants; i++, at += 5000) for (const s of series) batch.push({ ...s, at, value: valueOf(s.metric, at / 5000 + batch.length) });
    out.push(batch);
  }
  return out;
}

async function rate(store, list) {
  await store.insert(list[0]); // registers the series, warms the plan
  const started = performance.now();
  let n = 0;
  for (const batch of list.slice(1)) n += (await store.insert(batch)).inserted;
  return n / ((performance.now() - started) / 1000);
}

/** Two writers at once on disjoint series (two collectors), each on its own connection. */
async function twoWriterRate(store, half) {
  const lists = [batches(half + 1, 1, 'writer-a'), batches(half + 1, 1, 'writer-b')];
  await Promise.all(lists.map((l) => store.insert(l[0])));
  const started = performance.now();
  const counts = await Promise.all(
    lists.map(async (l) => {
      let n = 0;
      for (const batch of l.slice(1)) n += (await store.insert(batch)).inserted;
      return n;
    }),
  );
  return (counts[0] + counts[1]) / ((performance.now() - started) / 1000);
}

async function singleRowRate(store) {
  const series = seriesList(100, 'single');
  await store.insert(series.map((s) => ({ ...s, at: T0, value: 1 })));
  let n = 0;
  let at = T0;
  const started = performance.now();
  while (performance.now() - started < SINGLE_ROW_MS) {
    at += 5000;
    for (const s of series) n += (await store.insert([{ ...s, at, value: valueOf(s.metric, n) }])).inserted;
  }
  return n / ((performance.now() - started) / 1000);
}

async function measure(kind, options) {
  const db = await openDb(options);
  try {
    await migrate(db);
    const store = createTelemetryStore(db);
    const tick = await rate(store, batches(BATCHES + 1, 1, 'tick'));
    const collector = await rate(store, batches(BATCHES + 1, 10, 'collector'));
    // PGlite is one connection in this process: a second writer only queues behind the first.
    const twoWriters = db.kind === 'postgres' ? await twoWriterRate(store, BATCHES / 2) : undefined;
    const single = await singleRowRate(store);
    return { kind, tick, collector, twoWriters, single };
  } finally {
    await db.close();
  }
}

console.log(`telemetry ingest — ${machineLine()}`);
console.log(`${BATCHES} batches of ${BATCH} samples per shape, after one warm-up batch; single-row for ${SINGLE_ROW_MS / 1000} s\n`);
const results = await onBothStores('ingest', measure);

const k = (n) => `${Math.round(n).toLocaleString('en-US')}/s`;
console.log(
  table([
    ['store', 'tick batches', 'collector batches', 'tick, 2 writers', 'single-row', 'batched ÷ single-row (tick)'],
    ...results.map((r) => [r.kind, k(r.tick), k(r.collector), r.twoWriters ? k(r.twoWriters) : '—', k(r.single), `× ${(r.tick / r.single).toFixed(0)}`]),
  ]),
);
const pass = results.every((r) => r.tick >= TARGET && r.collector >= TARGET);
for (const r of results) {
  const verdict = (n) => (n >= TARGET ? 'meets' : 'MISSES');
  const two = r.twoWriters ? `, tick with 2 writers ${verdict(r.twoWriters)}` : '';
  console.log(`${r.kind}: tick ${verdict(r.tick)}, collector ${verdict(r.collector)}${two} the target of ${TARGET.toLocaleString('en-US')} samples/s`);
}
console.log(
  `BENCH_RESULT ${JSON.stringify({ bench: 'telemetry-ingest', pass, target: TARGET, results: results.map((r) => ({ ...r, tick: Math.round(r.tick), collector: Math.round(r.collector), ...(r.twoWriters ? { twoWriters: Math.round(r.twoWriters) } : {}), single: Math.round(r.single) })) })}`,
);
process.exit(pass ? 0 : 1);
