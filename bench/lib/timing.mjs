// Timed runs for the benchmarks that measure a call in process: warm-up, percentiles, CPU time, and the
// ratio against a baseline timed side by side in the same run (a shared machine's load shifts both).

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Runs `fn` (sync or async) `warmup` times, then `runs` timed times: wall clock and the process's CPU
 * time per run. Answers p50, p95 and max of each, and what the last run answered. `before`, when given,
 * runs untimed before each run (e.g. a commit whose effect on the next read is what is measured).
 */
export async function timed(fn, { warmup = 3, runs = 20, before } = {}) {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await fn();
  }
  const ms = [];
  const cpuMs = [];
  let last;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const cpu = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms.at(-1), cpuP50: pct(cpuMs, 50), last };
}

/** `measured` against `baseline` at p50, as printed beside the figures: "12.3 ×". */
export const ratio = (measured, baseline) => (baseline.p50 > 0 ? `${(measured.p50 / baseline.p50).toFixed(1)} ×` : 'n/a');

/** A timing for BENCH_RESULT, in ms to 0.1. */
export const rounded = (t) => ({ p50Ms: round1(t.p50), p95Ms: round1(t.p95), maxMs: round1(t.max), cpuP50Ms: round1(t.cpuP50) });
const round1 = (n) => Math.round(n * 10) / 10;

/** "p50 / p95 / max" in ms. */
export const three = (t) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} / ${t.max.toFixed(1)} ms`;
