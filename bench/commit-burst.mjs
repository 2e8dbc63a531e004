// Commit burst: 500 concurrent `POST /api/workloads` through a real BFF in front of a real control plane
// (two processes, `scripts/stack.mjs`), on PGlite and on a PostgreSQL server — what a crowd of clients
// clicking "commit" at once meets, and whether every answer tells the truth.
//
//   node bench/commit-burst.mjs            (from the repository root; ~1 min)
//
// Store: the default fleet (data/fleet.yaml, ~60,000 GPUs: every commit fits) and policy pack. Each
// workload asks for 4 GPUs of any model, no latency objective, signed in as the demo operator; no
// Idempotency-Key is sent (the BFF makes one). Per store, after 20 warm-up commits one after the other,
// ROUNDS bursts of BURST commits all sent at once. For each burst:
//   answers        by status; allowed: 201 placed, 409 no site fits, 429 not sent (with Retry-After),
//                  503 not done, or 503 `outcome: "unknown"` with its key — then asked again with that
//                  key, and its true answer (201 placed / 409) counted.
//   phantoms       workloads stored that no answer placed (the store against the 201s): must be 0
//   overbooked     sites × models with more GPUs reserved than installed: must be 0
//   commits/s      201 answers ÷ the burst's wall time (first request sent → last answer)
//   p50 / p99      latency of the 201 answers, ms
// For scale, each store's run starts with a burst of BURST concurrent `GET /api/policy` (a read the BFF
// forwards): the requests/s the same stack, on the same machine at that moment, serves at all.
// CPU (from /proc, Linux): ms of CPU the BFF and the control plane spent per answer of the read burst and
// per 201 of each commit burst (429s and 409s included in the cost), and the ceiling those costs set on
// two cores if nothing else ran (each process is one event loop: at most one core; both: two). Before
// the bursts, STEADY commits with 16 in flight (the BFF's admission limit), one after another per slot:
// the CPU a commit costs each process when nothing is refused, and the rate it allows.
// Target (issue 11): every answer allowed, 0 phantoms, 0 overbooked on both stores, and commits/s at
// least what bench/placement-commit.mjs measured for commits in-process (PGlite 324, PostgreSQL 472).
// Ends with a BENCH_RESULT {json} line; exit code 0 when every target is met, 1 otherwise, 2 if it could not run.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startStack } from '../scripts/stack.mjs';
import { DEMO_ENV, logIn } from './lib/session.mjs';
import { fmt, machineLine, onSignal, table } from './lib/common.mjs';
import { onBothStores } from './lib/stores.mjs';
import { ceilingPerS, cpuMeter } from './lib/proc-cpu.mjs';

const BURST = Number(process.env.BENCH_BURST ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 20;
const STEADY = Number(process.env.BENCH_STEADY ?? 300);
const STEADY_IN_FLIGHT = 16;
/** Commits/s of bench/placement-commit.mjs before issue 11 (its lower figures), the floor this must meet. */
const FLOOR = { PGlite: 324, PostgreSQL: 472 };

const request = (i) => ({ name: `burst workload ${i}`, tenant: 'bench-tenant', kind: 'inference', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 4 } });

async function commit(url, cookie, i, key) {
  const started = performance.now();
  const res = await fetch(`${url}/api/workloads`, {
    method: 'POST',
    headers: { cookie, 'x-csrf': '1', 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(request(i)),
  });
  const body = await res.json().catch(() => undefined);
  return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after'), body };
}

const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** One burst: every answer classified, unknown outcomes asked again with their key. */
async function burst(url, cookie, first) {
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => commit(url, cookie, first + i)));
  const wallS = (performance.now() - started) / 1000;
  const counts = { 201: 0, 409: 0, 429: 0, '503 not done': 0, '503 unknown': 0, other: 0 };
  const placed = new Set();
  const latencies = [];
  const unknown = { placed: 0, notPlaced: 0 };
  let badRefusals = 0;
  for (const [i, a] of answers.entries()) {
    if (a.status === 201) {
      counts[201]++;
      placed.add(a.body.id);
      latencies.push(a.ms);
    } else if (a.status === 409) counts[409]++;
    else if (a.status === 429) {
      counts[429]++;
      if (!/^\d+$/.test(a.retryAfter ?? '')) badRefusals++;
    } else if (a.status === 503 && a.body?.outcome === 'unknown') {
      counts['503 unknown']++;
      const truth = await commit(url, cookie, first + i, a.body.idempotencyKey);
      if (truth.status === 201) {
        unknown.placed++;
        placed.add(truth.body.id);
      } else unknown.notPlaced++;
    } else if (a.status === 503) counts['503 not done']++;
    else counts.other++;
  }
  return { counts, placed, wallS, commitsPerS: counts[201] / wallS, p50: percentile(latencies, 50), p99: percentile(latencies, 99), unknown, badRefusals };
}

async function measure(kind, { dataDir, databaseUrl }) {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-burst-'));
  const [port, controlPlanePort] = [await freePort(), await freePort()];
  let stack;
  const unregister = onSignal(() => stack?.stop());
  try {
    stack = await startStack({ port, controlPlanePort, dataDir: join(dataDir, `burst-${kind}`), ...(databaseUrl ? { databaseUrl } : {}), env: DEMO_ENV, stdio: ['ignore', 'ignore', 'inherit'] });
    const url = `http://127.0.0.1:${port}`;
    const cookie = await logIn(url, 'operator');
    for (let i = 0; i < WARMUP; i++) await commit(url, cookie, -1 - i);
    const warm = await workloadIds(url, cookie);
    const pids = { bff: stack.bff.pid, controlPlane: stack.controlPlane.pid };
    const readMeter = cpuMeter(pids);
    const readPerS = await readBurst(url, cookie);
    const readCpu = readMeter.stop(BURST);
    console.log(`   ${kind} read burst: ${BURST} concurrent GET /api/policy at ${fmt(readPerS, 0)} requests/s; ${cpuLine(readCpu)} per read`);

    const steadyMeter = cpuMeter(pids);
    const steadyStarted = performance.now();
    let next = 0;
    const steadyStatus = {};
    await Promise.all(
      Array.from({ length: STEADY_IN_FLIGHT }, async () => {
        while (next < STEADY) {
          const i = -1000 - next++;
          let answer = await commit(url, cookie, i);
          steadyStatus[answer.status] = (steadyStatus[answer.status] ?? 0) + 1;
          // An unknown outcome is asked again with its key until it is known, so none lands unseen later.
          for (let ask = 0; ask < 5 && answer.status === 503 && answer.body?.outcome === 'unknown'; ask++) answer = await commit(url, cookie, i, answer.body.idempotencyKey);
        }
      }),
    );
    const steady = { perS: STEADY / ((performance.now() - steadyStarted) / 1000), cpu: steadyMeter.stop(STEADY), status: steadyStatus };
    console.log(`   ${kind} steady: ${STEADY} commits, ${STEADY_IN_FLIGHT} in flight, at ${fmt(steady.perS, 0)} commits/s (${JSON.stringify(steadyStatus)}); ${cpuLine(steady.cpu)} per commit`);
    const afterSteady = await workloadIds(url, cookie);

    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const meter = cpuMeter(pids);
      const round = await burst(url, cookie, r * BURST);
      round.cpu = meter.stop(round.counts[201]);
      const stored = await workloadIds(url, cookie);
      const answered = new Set([...warm, ...afterSteady, ...rounds.flatMap((x) => [...x.placed]), ...round.placed]);
      round.phantoms = [...stored].filter((id) => !answered.has(id)).length;
      round.lost = [...answered].filter((id) => !stored.has(id)).length;
      rounds.push(round);
      console.log(
        `   ${kind} burst ${r + 1}: ${Object.entries(round.counts)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} × ${s}`)
          .join(', ')}; ${round.phantoms} phantom(s); ${fmt(round.commitsPerS, 0)} commits/s; p50 ${fmt(round.p50, 0)} ms, p99 ${fmt(round.p99, 0)} ms (201s); ${cpuLine(round.cpu)} per 201`,
      );
    }
    return { kind, rounds, readPerS, readCpu, steady, overbooked: await overbooked(url, cookie) };
  } finally {
    unregister();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU ms of each process per unit, and the ceiling they set. */
const cpuLine = (cpu) => `CPU ${fmt(cpu.bff, 2)} ms BFF + ${fmt(cpu.controlPlane, 2)} ms control plane (ceiling ${fmt(ceilingPerS(cpu), 0)}/s)`;

/** BURST concurrent reads through the BFF to the control plane: answers per second. */
async function readBurst(url, cookie) {
  const started = performance.now();
  await Promise.all(Array.from({ length: BURST }, () => fetch(`${url}/api/policy`, { headers: { cookie } }).then((res) => res.arrayBuffer())));
  return BURST / ((performance.now() - started) / 1000);
}

async function workloadIds(url, cookie) {
  const res = await fetch(`${url}/api/workloads?tenant=bench-tenant`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET /api/workloads: HTTP ${res.status}`);
  return new Set((await res.json()).workloads.map((w) => w.id));
}

async function overbooked(url, cookie) {
  const res = await fetch(`${url}/api/capacity`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET /api/capacity: HTTP ${res.status}`);
  return (await res.json()).sites.flatMap((s) => s.gpus.filter((g) => g.reserved > g.installed).map((g) => `${s.siteId} ${g.model}: ${g.reserved} of ${g.installed}`));
}

console.log(`commit burst — ${machineLine()}`);
console.log(`${ROUNDS} bursts of ${BURST} concurrent POST /api/workloads per store (BFF → control plane), after ${WARMUP} warm-up commits; 4 GPUs each, any model\n`);
const results = await onBothStores('commit-burst', measure);

const median = (xs) => percentile(xs, 50);
const round2 = (n) => Math.round(n * 100) / 100;
const summary = results.map((r) => {
  const total = (key) => r.rounds.reduce((n, x) => n + x.counts[key], 0);
  const rate = median(r.rounds.map((x) => x.commitsPerS));
  const phantoms = r.rounds.reduce((n, x) => n + x.phantoms + x.lost, 0);
  const allowed = r.rounds.every((x) => x.counts.other === 0 && x.badRefusals === 0);
  return {
    kind: r.kind,
    answers: { 201: total(201), 409: total(409), 429: total(429), '503 not done': total('503 not done'), '503 unknown': total('503 unknown') },
    unknownThenPlaced: r.rounds.reduce((n, x) => n + x.unknown.placed, 0),
    other: total('other'),
    phantoms,
    overbooked: r.overbooked.length,
    commitsPerS: Math.round(rate),
    commitsPerSRange: [Math.round(Math.min(...r.rounds.map((x) => x.commitsPerS))), Math.round(Math.max(...r.rounds.map((x) => x.commitsPerS)))],
    p50Ms: Math.round(median(r.rounds.map((x) => x.p50))),
    p99Ms: Math.round(median(r.rounds.map((x) => x.p99))),
    readPerS: Math.round(r.readPerS),
    steady: {
      commitsPerS: Math.round(r.steady.perS),
      cpuMs: { bff: round2(r.steady.cpu.bff), controlPlane: round2(r.steady.cpu.controlPlane) },
      ceilingPerS: Math.round(ceilingPerS(r.steady.cpu)),
      answers: r.steady.status,
    },
    cpuMsPerRead: { bff: round2(r.readCpu.bff), controlPlane: round2(r.readCpu.controlPlane) },
    readCeilingPerS: Math.round(ceilingPerS(r.readCpu)),
    cpuMsPerCommit: { bff: round2(median(r.rounds.map((x) => x.cpu.bff))), controlPlane: round2(median(r.rounds.map((x) => x.cpu.controlPlane))) },
    commitCeilingPerS: Math.round(median(r.rounds.map((x) => ceilingPerS(x.cpu)))),
    floor: FLOOR[r.kind],
    pass: allowed && phantoms === 0 && r.overbooked.length === 0 && rate >= FLOOR[r.kind],
  };
});
console.log(
  '\n' +
    table([
      ['store', 'answers (all bursts)', 'phantoms', 'overbooked', 'commits/s (median, range)', 'p50 / p99 of 201s', 'CPU per 201: BFF + CP (ceiling)', 'read burst (CPU per read, ceiling)', 'verdict'],
      ...summary.map((s) => [
        s.kind,
        `${s.answers[201]} × 201, ${s.answers[409]} × 409, ${s.answers[429]} × 429, ${s.answers['503 not done']} × 503 not done, ${s.answers['503 unknown']} × 503 unknown (${s.unknownThenPlaced} placed)${s.other ? `, ${s.other} OTHER` : ''}`,
        s.phantoms,
        s.overbooked,
        `${s.commitsPerS} (${s.commitsPerSRange.join('–')}), floor ${s.floor}`,
        `${s.p50Ms} / ${s.p99Ms} ms`,
        `${fmt(s.cpuMsPerCommit.bff, 2)} + ${fmt(s.cpuMsPerCommit.controlPlane, 2)} ms (${s.commitCeilingPerS}/s)`,
        `${s.readPerS} req/s (${fmt(s.cpuMsPerRead.bff, 2)} + ${fmt(s.cpuMsPerRead.controlPlane, 2)} ms, ${s.readCeilingPerS}/s)`,
        s.pass ? 'PASS' : 'FAIL',
      ]),
    ]),
);
console.log(
  `load average after: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
const pass = summary.every((s) => s.pass);
console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'commit-burst', pass, burst: BURST, rounds: ROUNDS, results: summary })}`);
process.exit(pass ? 0 : 1);
