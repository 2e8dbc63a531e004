#!/usr/bin/env node
// BFF throughput on GET /api/sites, against a naive pass-through BFF, in the same run.
//
//   node bench/bff-throughput.mjs            (or: npm run bench, which runs every benchmark)
//
// For each fleet size (synthetic fleets written with the shared builders, default 20 and 1,000 sites) it
// starts ONE control plane on that fleet and, beside it, both front ends pointing at it:
//   - "bff":      the real apps/bff (view-shaped rows, parsed with the shared schemas, pre-serialised per
//                 fleet version, revalidated with the control plane by ETag after CORRIDOR_FLEET_FRESH_MS);
//   - "baseline": Express 5 + http-proxy-middleware proxying /api/sites → /v1/sites (no parsing, no cache).
// autocannon, in a child process of its own, drives each on 127.0.0.1: a warm-up, then interleaved
// measured runs A B A B … so drift on a shared machine falls on both alike. Both are called with the
// session cookie of a demo user; the BFF checks it on every request, the baseline passes it by (it adds
// the control plane's service token, as it must to be answered at all). Target: bff requests/s
// ≥ 1.5 × baseline's, with p99 latency no worse. Exit code 0 = PASS, 1 = FAIL, 2 = could not run.
//
// Knobs (env): BENCH_FLEETS=20,1000  BENCH_DURATION_S=10  BENCH_WARMUP_S=2  BENCH_CONNECTIONS=50  BENCH_ROUNDS=2
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startStack, stopChild, waitForHttp } from '../scripts/stack.mjs';
import { fmt, kb, machineLine, mean, onSignal, runNodeJson, table } from './lib/common.mjs';
import { DEMO_ENV, logIn, serviceAuth } from './lib/session.mjs';
import { writeSyntheticFleet } from './lib/synthetic-fleet.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FLEETS = (process.env.BENCH_FLEETS ?? '20,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_RATIO = 1.5;
/** A request unanswered after this long counts as failed (autocannon's timeout). */
const TIMEOUT_S = 10;

const load = (url, durationS, headers) =>
  runNodeJson(join(HERE, 'lib/load.mjs'), [JSON.stringify({ url, connections: CONNECTIONS, durationS, timeoutS: TIMEOUT_S, headers })], { timeoutMs: (durationS + TIMEOUT_S + 30) * 1000 });

/** GETs the URL once and checks it is a site list of the expected length; answers its body size. */
async function probe(url, expected, headers) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  const count = JSON.parse(text).sites?.length;
  if (count !== expected) throw new Error(`${url} listed ${count} sites, expected ${expected}`);
  return Buffer.byteLength(text);
}

async function benchFleet(siteCount) {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-bff-'));
  const fleetFile = writeSyntheticFleet(dir, siteCount);
  const [port, controlPlanePort, proxyPort] = [await freePort(), await freePort(), await freePort()];
  let stack;
  let proxy;
  const cleanup = () => Promise.all([stopChild(proxy), stack?.stop()]).then(() => rmSync(dir, { recursive: true, force: true }));
  const unregister = onSignal(cleanup);
  try {
    stack = await startStack({
      port,
      controlPlanePort,
      dataDir: join(dir, 'var'),
      env: { CORRIDOR_FLEET_FILE: fleetFile, ...DEMO_ENV },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    proxy = spawn(process.execPath, [join(HERE, 'lib/proxy-baseline.mjs')], {
      env: { ...process.env, PORT: String(proxyPort), TARGET: stack.controlPlaneUrl, SERVICE_TOKEN: stack.serviceToken },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHttp(`http://127.0.0.1:${proxyPort}/healthz`, proxy, 20_000);
    const session = { cookie: await logIn(`http://127.0.0.1:${port}`) };

    const variants = [
      { name: 'bff', url: `http://127.0.0.1:${port}/api/sites`, runs: [] },
      { name: 'baseline', url: `http://127.0.0.1:${proxyPort}/api/sites`, runs: [] },
    ];
    for (const v of variants) v.bodyBytes = await probe(v.url, siteCount, session);
    const upstreamBytes = await probe(`${stack.controlPlaneUrl}/v1/sites`, siteCount, serviceAuth(stack.serviceToken));

    console.log(`\n── fleet of ${siteCount} sites: /api/sites body bff ${kb(variants[0].bodyBytes)}, baseline ${kb(variants[1].bodyBytes)} (= control plane /v1/sites ${kb(upstreamBytes)})`);
    for (const v of variants) {
      const w = await load(v.url, WARMUP_S, session);
      console.log(`   warm-up ${v.name.padEnd(8)} ${fmt(w.rps, 0)} req/s`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const v of variants) {
        const r = await load(v.url, DURATION_S, session);
        v.runs.push(r);
        const failed = r.non2xx + r.errors;
        console.log(
          `   run ${round + 1} ${v.name.padEnd(8)} ${fmt(r.rps, 0).padStart(6)} req/s  p50 ${fmt(r.latency.p50, 2)} ms  p99 ${fmt(r.latency.p99, 2)} ms  (${r.ok} responses, ${fmt(r.mbps, 1)} MB/s)` +
            `${failed ? `  ✖ ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} of them timeouts > ${TIMEOUT_S} s; not counted in req/s or latency)` : ''}`,
        );
      }
    }
    const summary = Object.fromEntries(
      variants.map((v) => [
        v.name,
        {
          bodyBytes: v.bodyBytes,
          rps: mean(v.runs.map((r) => r.rps)),
          mbps: mean(v.runs.map((r) => r.mbps)),
          p50: mean(v.runs.map((r) => r.latency.p50)),
          p99: mean(v.runs.map((r) => r.latency.p99)),
          p99Worst: Math.max(...v.runs.map((r) => r.latency.p99)),
          failed: v.runs.reduce((n, r) => n + r.non2xx + r.errors, 0),
          runs: v.runs.map((r) => ({ rps: r.rps, mbps: r.mbps, p50: r.latency.p50, p99: r.latency.p99 })),
        },
      ]),
    );
    const ratio = summary.bff.rps / summary.baseline.rps;
    // A failed request on the BFF's side fails the target; the baseline's failures only make it look better
    // (they are left out of its req/s and latency), so they are reported, not held against the comparison.
    const pass = ratio >= TARGET_RATIO && summary.bff.p99 <= summary.baseline.p99 && summary.bff.failed === 0;
    return { siteCount, upstreamBytes, ...summary, ratio, pass };
  } finally {
    unregister();
    await cleanup();
  }
}

async function main() {
  console.log(`BFF throughput — GET /api/sites, real BFF vs Express + http-proxy-middleware pass-through`);
  console.log(`machine: ${machineLine()}`);
  console.log(`load: autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${ROUNDS} × ${DURATION_S} s per side, interleaved; loopback only`);
  const results = [];
  for (const n of FLEETS) results.push(await benchFleet(n));

  console.log('\nResults (mean of the measured runs)');
  const rows = [['fleet', 'side', 'body', 'req/s', 'MB/s', 'p50 ms', 'p99 ms', 'failed', 'ratio', 'verdict']];
  for (const r of results) {
    rows.push([
      `${r.siteCount} sites`,
      'bff',
      kb(r.bff.bodyBytes),
      fmt(r.bff.rps, 0),
      fmt(r.bff.mbps, 1),
      fmt(r.bff.p50, 2),
      fmt(r.bff.p99, 2),
      r.bff.failed,
      `${fmt(r.ratio, 2)}×`,
      r.pass ? 'PASS' : 'FAIL',
    ]);
    rows.push(['', 'baseline', kb(r.baseline.bodyBytes), fmt(r.baseline.rps, 0), fmt(r.baseline.mbps, 1), fmt(r.baseline.p50, 2), fmt(r.baseline.p99, 2), r.baseline.failed, '', '']);
  }
  console.log(table(rows));
  const pass = results.every((r) => r.pass);
  console.log(`\nTarget: bff ≥ ${TARGET_RATIO}× baseline requests/s with p99 no worse (and no failed request) → ${pass ? 'PASS' : 'FAIL'}`);
  console.log('Note: the BFF answers view-shaped rows (SiteRow), the baseline the full Site objects: the bodies differ in size by design;');
  console.log('      MB/s (bytes delivered, headers included) is the size-neutral figure to read beside req/s.');
  console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'bff-throughput', pass, results })}`);
  process.exitCode = pass ? 0 : 1;
}

main().catch((error) => {
  console.error(`bff-throughput could not run: ${error.stack ?? error.message}`);
  process.exitCode = 2;
});
