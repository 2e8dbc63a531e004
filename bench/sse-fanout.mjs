#!/usr/bin/env node
// SSE fan-out: 1,000 concurrent browsers on ONE BFF, against a naive pass-through in the same run.
//
//   node bench/sse-fanout.mjs
//
// Starts the real stack (control plane with its simulator ticking every second, BFF) on 127.0.0.1 and,
// beside it, the naive design: Express 5 + http-proxy-middleware passing /api/stream straight through to
// the control plane's /v1/stream, so every browser costs the control plane a subscription of its own.
// For each of the two, in turn, BENCH_CLIENTS raw HTTP SSE clients are opened from BENCH_CLIENT_PROCS
// child processes (never the server's process), left to settle, then measured for BENCH_DURATION_S:
// delivery lag per telemetry event per client = receive time − the frame's `at` (the wall-clock ms at
// which the simulator produced it; every process reads the same machine clock). One extra client reads
// the control plane's /v1/stream directly, as the floor (simulator tick → store → publish → socket).
// Upstream subscriptions are counted from both sides: the front end's own counter (the BFF's
// /api/stream/stats, the proxy's count of proxied requests) and `ss`, which lists the TCP connections the
// front end's process holds to the control plane's port. Target: p99 ≤ 250 ms with exactly one upstream
// subscription. Exit code 0 = PASS, 1 = FAIL, 2 = could not run. Every client carries the session
// cookie of a demo user (the BFF checks it once per connection; the baseline passes it by and adds the
// control plane's service token); the direct subscriber carries the service token.
//
// Knobs (env): BENCH_CLIENTS=1000  BENCH_CLIENT_PROCS=2  BENCH_DURATION_S=30  BENCH_SETTLE_S=3
//              BENCH_TICK_MS=1000  BENCH_SITES=  (a synthetic fleet of that many sites; default data/fleet.yaml)
//
// Internal roles of this same file: `sse-fanout.mjs client <json>` (a load process) and
// `sse-fanout.mjs proxy` (the baseline pass-through; env PORT, TARGET, SERVICE_TOKEN).
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+\//;
const LF = 10;
const BLANK_LINE = Buffer.from('\n\n');
/** Enough of a message to read its id, type and the frame's `at`. */
const HEAD_BYTES = 160;

if (process.argv[2] === 'client') await runClients(JSON.parse(process.argv[3]));
else if (process.argv[2] === 'proxy') await runProxy();
else await main();

// ───────────────────────────── orchestrator ─────────────────────────────

async function main() {
  const { freePort, startStack, stopChild, waitForHttp } = await import('../scripts/stack.mjs');
  const { fmt, machineLine, onSignal, table } = await import('./lib/common.mjs');
  const { DEMO_ENV, logIn, serviceAuth } = await import('./lib/session.mjs');
  const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
  const PROCS = Math.max(1, Number(process.env.BENCH_CLIENT_PROCS ?? 2));
  const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
  const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 3);
  const TICK_MS = Number(process.env.BENCH_TICK_MS ?? 1000);
  const SITES = Number(process.env.BENCH_SITES ?? 0);
  const TARGET_P99_MS = 250;

  console.log(`SSE fan-out: ${CLIENTS} clients in ${PROCS} processes, ${DURATION_S} s measured per front end, simulator tick ${TICK_MS} ms`);
  console.log(machineLine());

  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-sse-'));
  const [port, controlPlanePort, proxyPort] = [await freePort(), await freePort(), await freePort()];
  let stack;
  let proxy;
  const loads = new Set();
  const cleanup = async () => {
    for (const child of loads) child.kill('SIGKILL');
    await Promise.all([stopChild(proxy), stack?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  onSignal(cleanup);
  // Bounded whatever happens: two phases, their connects and the stack's start, with room to spare.
  const hardStop = setTimeout(
    () => {
      console.error('sse-fanout: overall time limit reached; stopping');
      void cleanup().then(() => process.exit(2));
    },
    (2 * (DURATION_S + SETTLE_S) + 240) * 1000,
  );
  hardStop.unref();

  try {
    let fleetEnv = {};
    if (SITES > 0) {
      const { writeSyntheticFleet } = await import('./lib/synthetic-fleet.mjs');
      fleetEnv = { CORRIDOR_FLEET_FILE: writeSyntheticFleet(dir, SITES) };
    }
    stack = await startStack({
      port,
      controlPlanePort,
      dataDir: join(dir, 'var'),
      env: { CORRIDOR_SIM_TICK_MS: String(TICK_MS), LOG_LEVEL: 'warn', ...fleetEnv, ...DEMO_ENV },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    proxy = spawn(process.execPath, [SELF, 'proxy'], {
      env: { ...process.env, PORT: String(proxyPort), TARGET: stack.controlPlaneUrl, SERVICE_TOKEN: stack.serviceToken },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHttp(`http://127.0.0.1:${proxyPort}/healthz`, proxy, 20_000);
    const session = { cookie: await logIn(`http://127.0.0.1:${port}`) };
    const direct = { url: `${stack.controlPlaneUrl}/v1/stream`, headers: serviceAuth(stack.serviceToken) };

    const variants = [
      {
        name: 'bff (one subscription, hub)',
        url: `http://127.0.0.1:${port}/api/stream`,
        pid: stack.bff.pid,
        controlPlanePid: stack.controlPlane.pid,
        counter: async () => (await getJson(`http://127.0.0.1:${port}/api/stream/stats`, session)).upstreams.reduce((n, u) => n + u.subscriptions, 0),
      },
      {
        name: 'baseline (proxy per browser)',
        url: `http://127.0.0.1:${proxyPort}/api/stream`,
        pid: proxy.pid,
        controlPlanePid: stack.controlPlane.pid,
        counter: async () => (await getJson(`http://127.0.0.1:${proxyPort}/stats`)).proxied,
      },
    ];
    const results = [];
    for (const v of variants) {
      console.log(`\n── ${v.name}: connecting ${CLIENTS} clients to ${v.url}`);
      const result = await measure(v, { clients: CLIENTS, procs: PROCS, durationS: DURATION_S, settleS: SETTLE_S, headers: session, direct, loads });
      console.log(
        `   ${result.lag.count} deliveries, lag p50 ${fmt(result.lag.p50, 0)} ms, p99 ${fmt(result.lag.p99, 0)} ms, max ${fmt(result.lag.max, 0)} ms (after the direct subscriber: p50 ${fmt(result.added.p50, 0)}, p99 ${fmt(result.added.p99, 0)} ms); events per client ${result.perClient.min}–${result.perClient.max}; upstream subscriptions ${result.subscriptions} (ss: ${result.tcpToControlPlane} TCP connections to the control plane)`,
      );
      results.push({ name: v.name, ...result });
    }

    console.log(`\nDelivery lag = receive time − frame.at, over ${DURATION_S} s, ${CLIENTS} clients, tick ${TICK_MS} ms:`);
    console.log(
      table([
        [
          'front end',
          'deliveries',
          'p50 ms',
          'p99 ms',
          'max ms',
          'after direct p50/p99 ms',
          'events/client',
          'upstream subs',
          'TCP to CP (ss)',
          'direct /v1/stream p50/p99 ms',
          'CPU front end / CP / load',
        ],
        ...results.map((r) => [
          r.name,
          r.lag.count,
          fmt(r.lag.p50, 0),
          fmt(r.lag.p99, 0),
          fmt(r.lag.max, 0),
          `${fmt(r.added.p50, 0)}/${fmt(r.added.p99, 0)}`,
          `${r.perClient.min}–${r.perClient.max}`,
          r.subscriptions,
          r.tcpToControlPlane ?? 'n/a',
          `${fmt(r.direct.p50, 0)}/${fmt(r.direct.p99, 0)}`,
          `${pctOf(r.cpu.frontEnd)} / ${pctOf(r.cpu.controlPlane)} / ${pctOf(r.cpu.load)}`,
        ]),
      ]),
    );
    const [ours] = results;
    const pass = ours.lag.p99 <= TARGET_P99_MS && ours.subscriptions === 1 && ours.perClient.min > 0 && ours.failed === 0;
    console.log(
      `\n${pass ? 'PASS' : 'FAIL'}: bff p99 ${fmt(ours.lag.p99, 0)} ms (target ≤ ${TARGET_P99_MS}), ${ours.subscriptions} upstream subscription(s) (target 1), ${ours.failed} client(s) failed to connect`,
    );
    const summary = results.map(({ name, lag, added, direct, perClient, failed, subscriptions, tcpToControlPlane, cpu }) => ({
      name,
      lag,
      added,
      direct,
      perClient,
      failed,
      subscriptions,
      tcpToControlPlane,
      cpu,
    }));
    console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'sse-fanout', pass, clients: CLIENTS, durationS: DURATION_S, tickMs: TICK_MS, results: summary })}`);
    clearTimeout(hardStop);
    await cleanup();
    process.exit(pass ? 0 : 1);
  } catch (error) {
    console.error(`\nsse-fanout could not run: ${error.message}`);
    clearTimeout(hardStop);
    await cleanup();
    process.exit(2);
  }

  async function measure(variant, { clients, procs, durationS, settleS, headers, direct, loads }) {
    const children = Array.from({ length: procs }, (_, i) => {
      const share = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
      const child = spawn(process.execPath, [SELF, 'client', JSON.stringify({ url: variant.url, headers, count: share, direct: i === 0 ? direct : undefined })], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      loads.add(child);
      const lines = createInterface({ input: child.stdout });
      const next = () =>
        new Promise((resolve, reject) => {
          lines.once('line', (line) => resolve(JSON.parse(line)));
          child.once('exit', (code) => reject(new Error(`a client process exited with ${code}`)));
        });
      return { child, next };
    });
    const connected = await withTimeout(Promise.all(children.map((c) => c.next())), 120_000, 'clients did not connect within 120 s');
    const failed = connected.reduce((n, c) => n + c.failed, 0);
    console.log(`   connected ${connected.reduce((n, c) => n + c.connected, 0)} (${failed} failed); settling ${settleS} s, then measuring ${durationS} s`);
    await new Promise((r) => setTimeout(r, settleS * 1000));
    const pids = { frontEnd: variant.pid, controlPlane: variant.controlPlanePid, load: children.map((c) => c.child.pid) };
    const cpuBefore = cpuOf(pids);
    for (const c of children) c.child.stdin.write('start\n');
    await new Promise((r) => setTimeout(r, durationS * 1000));
    const cpuAfter = cpuOf(pids);
    const cpu = Object.fromEntries(Object.keys(cpuBefore).map((k) => [k, (cpuAfter[k] - cpuBefore[k]) / durationS]));
    // Counted while every client is still connected.
    const subscriptions = await variant.counter();
    const tcpToControlPlane = tcpConnections(variant.pid, controlPlanePort);
    const reports = children.map((c) => c.next());
    for (const c of children) c.child.stdin.write('stop\n');
    const done = await withTimeout(Promise.all(reports), 60_000, 'clients did not report within 60 s');
    for (const c of children) loads.delete(c.child);
    const directAt = Object.assign({}, ...done.map((d) => d.direct));
    const lags = [];
    const added = [];
    for (const { deliveries } of done) {
      for (let i = 0; i < deliveries.length; i += 2) {
        const [at, receivedAt] = [deliveries[i], deliveries[i + 1]];
        lags.push(receivedAt - at);
        if (directAt[at] !== undefined) added.push(receivedAt - directAt[at]);
      }
    }
    const directLags = Object.entries(directAt).map(([at, receivedAt]) => receivedAt - Number(at));
    // Per event: when its first and last client had it (the tail of a run is a few slow events).
    const byEvent = new Map();
    for (const { deliveries } of done) {
      for (let i = 0; i < deliveries.length; i += 2) {
        const [at, receivedAt] = [deliveries[i], deliveries[i + 1]];
        const e = byEvent.get(at) ?? { first: Infinity, last: -Infinity };
        e.first = Math.min(e.first, receivedAt - at);
        e.last = Math.max(e.last, receivedAt - at);
        byEvent.set(at, e);
      }
    }
    const worst = [...byEvent.entries()].sort((a, b) => b[1].last - a[1].last).slice(0, 3);
    console.log(`   slowest events (lag of first / last client, direct): ${worst.map(([at, e]) => `${e.first}/${e.last} (${directAt[at] !== undefined ? directAt[at] - at : '?'})`).join(', ')}`);
    const perClient = done.flatMap((d) => d.perClient);
    return {
      lag: stats(Float64Array.from(lags).sort()),
      added: stats(Float64Array.from(added).sort()),
      direct: stats(Float64Array.from(directLags).sort()),
      perClient: { min: Math.min(...perClient), max: Math.max(...perClient) },
      failed,
      subscriptions,
      tcpToControlPlane,
      cpu,
    };
  }
}

function stats(sorted) {
  const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  return { count: sorted.length, p50: pct(50), p99: pct(99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

function pctOf(share) {
  return Number.isFinite(share) ? `${Math.round(share * 100)}%` : 'n/a';
}

/** CPU seconds (user + system) used so far by each named pid or list of pids, from /proc (Linux). */
function cpuOf(pids) {
  const ticks = 100; // USER_HZ
  const one = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return NaN;
    }
  };
  return Object.fromEntries(Object.entries(pids).map(([k, v]) => [k, Array.isArray(v) ? v.reduce((n, pid) => n + one(pid), 0) : one(v)]));
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function getJson(url, headers) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
}

/** Established TCP connections from process `pid` to 127.0.0.1:`port`, as the kernel lists them (`ss`). */
function tcpConnections(pid, port) {
  try {
    const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
    return out.split('\n').filter((line) => line.includes(`pid=${pid},`)).length;
  } catch {
    return undefined;
  }
}

// ───────────────────────────── load process ─────────────────────────────

/**
 * Opens `count` SSE connections (raw node:http, one socket each, no agent) to `url` with `headers`, plus
 * one to `direct.url` with `direct.headers`.
 * Prints {connected, failed} once all are open; between `start` and `stop` on stdin it records, per
 * telemetry event and client, receive time − frame.at; on `stop` it prints the samples and exits.
 */
async function runClients({ url, headers = {}, count, direct: directTarget }) {
  const directUrl = directTarget?.url;
  if (!LOOPBACK.test(url) || (directUrl && !LOOPBACK.test(directUrl))) {
    console.error(`sse-fanout client: refusing ${url}: 127.0.0.1 only`);
    process.exit(2);
  }
  let recording = false;
  /** Flat [at, receivedAt, at, receivedAt, …] per delivery. */
  const deliveries = [];
  /** frame.at → when the direct subscriber received it. */
  const direct = {};
  const perClient = new Array(count).fill(0);
  const sockets = [];

  const open = (target, targetHeaders, onFrame) =>
    new Promise((resolve) => {
      const req = http.get(target, { agent: false, headers: { accept: 'text/event-stream', ...targetHeaders } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          resolve(false);
          return;
        }
        // Bytes, never strings: a message's end is found with Buffer#indexOf and only its first bytes
        // (id, event type and the frame's `at`) are kept, so the load process stays cheap at 1,000 clients.
        let head = Buffer.alloc(0);
        let endsWithLf = false;
        let opened = false;
        const finish = (now) => {
          if (recording) {
            const text = head.toString('latin1');
            const at = text.includes('event: telemetry') ? /data: \{"at":(\d+)/.exec(text) : null;
            if (at) onFrame(Number(at[1]), now);
          }
          head = Buffer.alloc(0);
        };
        res.on('data', (chunk) => {
          const now = Date.now();
          if (!opened) {
            opened = true;
            resolve(true);
          }
          let pos = 0;
          if (endsWithLf && chunk[0] === LF) {
            finish(now);
            pos = 1;
          }
          for (;;) {
            const end = chunk.indexOf(BLANK_LINE, pos);
            const upTo = end === -1 ? chunk.length : end;
            if (head.length < HEAD_BYTES && upTo > pos) head = Buffer.concat([head, chunk.subarray(pos, Math.min(upTo, pos + HEAD_BYTES - head.length))]);
            if (end === -1) break;
            finish(now);
            pos = end + 2;
          }
          // A lone LF at the end may be the first half of a blank line split across chunks.
          endsWithLf = pos < chunk.length && chunk[chunk.length - 1] === LF;
        });
        res.on('error', () => undefined);
      });
      req.on('error', () => resolve(false));
      sockets.push(req);
    });

  let failed = 0;
  // Batches, so the listen backlog is never overrun (a dropped SYN would cost a 1 s retransmit).
  for (let i = 0; i < count; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      batch.push(
        open(url, headers, (at, now) => {
          deliveries.push(at, now);
          perClient[j]++;
        }),
      );
    }
    failed += (await Promise.all(batch)).filter((ok) => !ok).length;
  }
  if (directUrl) await open(directUrl, directTarget.headers, (at, now) => (direct[at] = now));
  process.stdout.write(`${JSON.stringify({ connected: count - failed, failed })}\n`);

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line === 'start') recording = true;
    if (line === 'stop') {
      recording = false;
      for (const req of sockets) req.destroy();
      process.stdout.write(`${JSON.stringify({ deliveries, direct, perClient })}\n`, () => process.exit(0));
    }
  });
}

// ───────────────────────────── baseline front end ─────────────────────────────

/** The naive design: every browser's /api/stream is proxied to its own /v1/stream subscription. */
async function runProxy() {
  const { Agent } = await import('node:http');
  const { default: express } = await import('express');
  const { createProxyMiddleware } = await import('http-proxy-middleware');
  const target = process.env.TARGET;
  if (!target || !LOOPBACK.test(`${target}/`)) throw new Error('TARGET must be a 127.0.0.1 control plane URL');
  if (!process.env.SERVICE_TOKEN) throw new Error('SERVICE_TOKEN (the control plane credential) is required');
  let proxied = 0;
  let open = 0;
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/stats', (_req, res) => {
    res.json({ proxied, open });
  });
  app.use(
    createProxyMiddleware({
      target,
      pathFilter: '/api/stream',
      pathRewrite: { '^/api/stream': '/v1/stream' },
      changeOrigin: true,
      headers: { authorization: `Bearer ${process.env.SERVICE_TOKEN}` },
      agent: new Agent({ keepAlive: true, keepAliveMsecs: 30_000 }),
      on: {
        proxyReq: () => {
          proxied++;
        },
        proxyRes: (proxyRes) => {
          open++;
          proxyRes.once('close', () => open--);
        },
      },
    }),
  );
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
