// Alert notification latency: a fault injected into a real control plane (simulator on, default fleet) →
// the Alertmanager-format `firing` POST at a webhook receiver this script runs (CORRIDOR_ALERT_WEBHOOKS),
// repeated; p50/p99 against the rule's `for` + one simulator tick, and the `resolved` POST after the
// fault is cleared. Beside it, Prometheus + Alertmanager's documented worst case for the same rule: `for`
// + scrape interval + evaluation interval, then Alertmanager's `group_wait` before the first notification.
//
//   node bench/alert-webhook-latency.mjs        (from the repository root; ~1 minute)
//
// The rule (in an alerts folder of its own): link loss ≥ 20 % for 2 s on the link the cut hits. The
// simulator ticks every 500 ms; each run waits a random part of a tick, cuts the cable, times the firing
// POST, clears the cut and waits for the resolved POST. Target: p99 ≤ for + one tick. Ends with a
// BENCH_RESULT {json} line; exit code 0 when the target is met, 1 otherwise, 2 if it could not run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { machineLine, onSignal, table } from './lib/common.mjs';

register();
const cpSrc = new URL('../apps/control-plane/src/', import.meta.url);
const { startControlPlane } = await import(new URL('control-plane.ts', cpSrc).href);
const { DEFAULT_POLICY_DIR } = await import(new URL('config.ts', cpSrc).href);
const { createLogger } = await import(new URL('../../../packages/http-kit/src/index.ts', cpSrc).href);

const TICK_MS = 500;
const FOR_S = 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const LINK = 'tetouan-estepona';
const RULE = 'cable-cut-webhook';
const FLEET = new URL('../data/fleet.yaml', import.meta.url).pathname;
const RULES = `rules:
  - id: ${RULE}
    metric: link_loss_ratio
    scope: link
    condition: '>='
    threshold: 20
    unit: '%'
    for: ${FOR_S}s
    severity: critical
    summary: 'Cable cut on {entity}: loss {value} {unit}'
    runbook: Bench rule.
`;

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every notification of the bench rule the receiver got, with the wall-clock ms it arrived. */
const received = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const payload = JSON.parse(body);
    if (payload.commonLabels?.alertname === RULE) received.push({ at: performance.now(), status: payload.status });
    res.writeHead(200).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));

const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-webhook-latency-'));
const alertsDir = join(dir, 'alerts');
mkdirSync(alertsDir);
writeFileSync(join(alertsDir, 'bench.yaml'), RULES);
const token = randomBytes(32).toString('hex');
let cp;
const cleanup = async () => {
  await cp?.close();
  receiver.closeAllConnections();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
};
const stop = onSignal(cleanup);
let exit = 2;
try {
  console.log(`alert webhook latency — ${machineLine()}`);
  cp = await startControlPlane(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      fleetFile: FLEET,
      policyDir: DEFAULT_POLICY_DIR,
      alertsDir,
      serviceToken: token,
      simulator: { seed: 2026, tickMs: TICK_MS, timeWarp: 1 },
      alertWebhooks: [`http://127.0.0.1:${receiver.address().port}/hook`],
      consoleUrl: 'http://localhost:8080',
    },
    createLogger('alert-webhook-latency', 'silent'),
  );
  const auth = { authorization: `Bearer ${token}` };
  const until = async (predicate, timeoutMs = 20_000) => {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error('timed out waiting for the webhook');
      await sleep(5);
    }
  };

  const firing = [];
  const resolved = [];
  for (let run = 0; run < RUNS; run++) {
    await sleep(Math.random() * TICK_MS);
    const from = received.length;
    const started = performance.now();
    const injected = await fetch(`${cp.url}/v1/faults`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'cable-cut', linkId: LINK }) });
    if (injected.status !== 201) throw new Error(`inject answered ${injected.status}`);
    const fault = await injected.json();
    await until(() => received.slice(from).some((e) => e.status === 'firing'));
    firing.push(received.slice(from).find((e) => e.status === 'firing').at - started);
    const clearedAt = performance.now();
    await fetch(`${cp.url}/v1/faults/${fault.id}`, { method: 'DELETE', headers: auth });
    await until(() => received.slice(from).some((e) => e.status === 'resolved'));
    resolved.push(received.slice(from).find((e) => e.status === 'resolved').at - clearedAt);
  }

  const budgetMs = FOR_S * 1000 + TICK_MS;
  const p50 = percentile(firing, 50);
  const p99 = percentile(firing, 99);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${RUNS} cuts; rule: loss ≥ 20 % for ${FOR_S} s; simulator tick ${TICK_MS} ms; one receiver on loopback\n`);
  console.log(
    table([
      ['', 'fault → firing POST', 'cleared → resolved POST'],
      ['p50', s(p50), s(percentile(resolved, 50))],
      ['p99', s(p99), s(percentile(resolved, 99))],
      ['max', s(Math.max(...firing)), s(Math.max(...resolved))],
      ['target: for + one tick', s(budgetMs), ''],
      ['Prometheus + Alertmanager worst case, 0.5 s scrape and evaluation, default 30 s group_wait', `${FOR_S + 0.5 + 0.5 + 30} s`, ''],
      ['… default 1 min scrape and evaluation, 30 s group_wait', `${FOR_S + 60 + 60 + 30} s`, ''],
    ]),
  );
  const pass = p99 <= budgetMs;
  console.log(`p99 ${pass ? 'meets' : 'MISSES'} the target of for + one tick`);
  console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'alert-webhook-latency', pass, targetMs: budgetMs, p50Ms: Math.round(p50), p99Ms: Math.round(p99), runs: RUNS })}`);
  exit = pass ? 0 : 1;
} catch (error) {
  console.error(`could not run: ${error.stack ?? error.message}`);
} finally {
  await cleanup();
  stop();
}
process.exit(exit);
