// Alert evaluation cost: 10,000 series at one sample per second through the telemetry ingest (checks,
// store, live publisher), with the alert rules evaluated on every batch against the same ingest
// without them, side by side in the same run (the two alternate batch by batch, so both see the same
// machine), on PGlite.
//
//   node bench/alert-eval.mjs                  (from the repository root; ~1 minute)
//
// 1,000 sites of the fleet × 10 metrics (the six the default rules judge, and four they do not): one
// batch of 10,000 samples per simulated second, the default rules of data/alerts/. 1 % of the sites run
// hot GPUs, so some alerts go pending and fire during the run (their store writes are in the timing).
// Timed: `ingestBatch` to its answer, which includes evaluation (it runs synchronously in the publisher;
// the resulting store writes are queued and flushed before the next batch, and counted).
// Target: evaluation on ≤ 10 % slower than off (the median of on ÷ off over neighbouring batch pairs). Ends with a BENCH_RESULT {json} line;
// exit code 0 when the target is met, 1 otherwise, 2 if it could not run. BENCH_AA=1 runs both sides
// without evaluation: the ratio it prints is the noise floor of the machine at the time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { machineLine, table } from './lib/common.mjs';

register();
const cp = new URL('../apps/control-plane/src/', import.meta.url);
const { openDb } = await import(new URL('../../../packages/store/src/db.ts', cp).href);
const { migrate } = await import(new URL('store/migrate.ts', cp).href);
const { syncFleet } = await import(new URL('fleet/fleet-store.ts', cp).href);
const { FleetService } = await import(new URL('fleet/fleet-service.ts', cp).href);
const { createTelemetryStore } = await import(new URL('telemetry/telemetry-store-sql.ts', cp).href);
const { TelemetryIngest } = await import(new URL('telemetry/telemetry-ingest.ts', cp).href);
const { EventBus } = await import(new URL('events/event-bus.ts', cp).href);
const { LiveState } = await import(new URL('events/live-state.ts', cp).href);
const { auditKeyring, withAuditKeys } = await import(new URL('audit/audit-keys.ts', cp).href);
const { loadAlertRules } = await import(new URL('alerts/alert-rules.ts', cp).href);
const { AlertService } = await import(new URL('alerts/alert-service.ts', cp).href);
const { EvaluatingPublisher } = await import(new URL('alerts/evaluating-publisher.ts', cp).href);
const { DEFAULT_ALERTS_DIR } = await import(new URL('config.ts', cp).href);
const { buildFleetFile, buildSite } = await import(new URL('../../../packages/shared/src/testing/builders.ts', cp).href);

const TARGET_RATIO = 1.1;
const SITES = 1000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const WARMUP = 3;
const HOT_EVERY = 100;
const METRICS = {
  site_pue_ratio: () => 1.35,
  gpu_temperature_max_celsius: (s) => (s % HOT_EVERY === 0 ? 88 : 71),
  gpu_xid_errors_total: () => 0,
  site_inlet_temperature_celsius: () => 24,
  site_availability_ratio: () => 1,
  site_facility_power_watts: () => 6.1e6,
  site_it_power_watts: () => 4.7e6,
  gpu_sm_active_ratio: () => 0.62,
  site_ambient_temperature_celsius: () => 19,
  site_gpus_busy: () => 300,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-alert-eval-'));
let exit = 2;
try {
  console.log(`alert evaluation — ${machineLine()}`);
  const db = withAuditKeys(await openDb({ dataDir: dir }), auditKeyring('b'.repeat(32)));
  await migrate(db);
  const fleet = buildFleetFile();
  const sites = Array.from({ length: SITES }, (_, i) => buildSite({ id: `bench-${i}`, name: `Bench ${i}`, operatorId: 'operator-test' }));
  await syncFleet(db, { ...fleet, sites, links: [] }, 'bench');
  const fleetService = new FleetService(db);
  const telemetry = createTelemetryStore(db);
  const bus = new EventBus();
  const rules = loadAlertRules(DEFAULT_ALERTS_DIR);
  const alerts = new AlertService({ db, bus, fleet: fleetService, rules });
  await alerts.start();
  const off = new TelemetryIngest(telemetry, new LiveState(bus));
  const evaluating = new EvaluatingPublisher(new LiveState(bus));
  if (!process.env.BENCH_AA) evaluating.evaluateWith(alerts);
  const on = new TelemetryIngest(telemetry, evaluating);
  let firing = 0;
  bus.subscribe((e) => e.type === 'alert' && e.data.state === 'firing' && firing++);

  const names = Object.keys(METRICS);
  const t0 = Date.now() - 3_600_000;
  const batchAt = (k) => {
    const at = t0 + k * 1000;
    const batch = [];
    for (let s = 0; s < SITES; s++) for (const metric of names) batch.push({ metric, siteId: `bench-${s}`, at, value: METRICS[metric](s) });
    return batch;
  };
  const times = { on: [], off: [] };
  /** on ÷ off of each pair of neighbouring batches: a drift in the machine's load cancels out within a pair. */
  const pairRatios = [];
  for (let k = 0; k < WARMUP * 2 + BATCHES * 2; k++) {
    // Alternate which goes first so neither always follows the other's store writes.
    const mode = (k >> 1) % 2 === k % 2 ? 'on' : 'off';
    const batch = batchAt(k);
    const started = performance.now();
    await (mode === 'on' ? on : off).ingestBatch(batch);
    if (mode === 'on') await alerts.flush();
    const ms = performance.now() - started;
    if (k >= WARMUP * 2) times[mode].push(ms);
    if (k >= WARMUP * 2 && k % 2 === 1) pairRatios.push(times.on.at(-1) / times.off.at(-1));
  }
  // Evaluation alone, in memory, on one more batch per series (no store involved).
  const observeMs = [];
  for (let k = 0; k < 10; k++) {
    const batch = batchAt(1000 + k);
    const started = performance.now();
    alerts.observe(batch);
    observeMs.push(performance.now() - started);
    await alerts.flush();
  }
  await db.close();

  const ratio = median(pairRatios);
  console.log(`${BATCHES} batches of ${(SITES * names.length).toLocaleString('en-US')} samples each way (one simulated second each), after ${WARMUP} warm-up batches each; ${rules.length} rules\n`);
  console.log(
    table([
      ['evaluation', 'median batch', 'mean batch', 'samples/s (median)'],
      ...['off', 'on'].map((m) => [m, `${median(times[m]).toFixed(1)} ms`, `${mean(times[m]).toFixed(1)} ms`, Math.round((SITES * names.length) / (median(times[m]) / 1000)).toLocaleString('en-US')]),
    ]),
  );
  console.log(
    `\nevaluation alone (observe, in memory): median ${median(observeMs).toFixed(2)} ms per 10,000-sample batch; series tracked ${alerts.seriesCount.toLocaleString('en-US')}; alerts fired ${firing}`,
  );
  const pass = ratio <= TARGET_RATIO;
  console.log(`on ÷ off = ${ratio.toFixed(3)} (median over neighbouring pairs; target ≤ ${TARGET_RATIO}): ${pass ? 'meets' : 'MISSES'} the target`);
  console.log(
    `BENCH_RESULT ${JSON.stringify({ bench: 'alert-eval', pass, target: TARGET_RATIO, ratio: Number(ratio.toFixed(3)), medianOffMs: Number(median(times.off).toFixed(1)), medianOnMs: Number(median(times.on).toFixed(1)), observeMs: Number(median(observeMs).toFixed(2)), fired: firing })}`,
  );
  exit = pass ? 0 : 1;
} catch (error) {
  console.error(`could not run: ${error.stack ?? error.message}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exit);
