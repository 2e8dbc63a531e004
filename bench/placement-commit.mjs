// Placement commits: workloads/s through WorkloadService.commit (the call POST /v1/workloads makes) on
// PGlite and on a PostgreSQL server, against a plain INSERT of the same workload row in the same run.
//
//   node bench/placement-commit.mjs            (from the repository root; ~30 s)
//
// Store: the default fleet (data/fleet.yaml) and policy pack (data/policy/). Each workload asks for 4
// GPUs of any model, no latency objective. Per store, after 20 warm-up commits:
//   commit        plan with the usage of the moment (engine over every site), then one transaction:
//                 lock the best candidate's site row (FOR UPDATE), re-read its reservations, insert the
//                 workload, append the hash-chained audit record (under the chain head's row lock)
//   plan          the first half of a commit alone (fleet version check, usage read, engine), for where
//                 the time goes
//   plain insert  the baseline: the same workload row inserted in a transaction of its own — no plan,
//                 no lock, no re-check, no audit. What the safety and the explanation cost is the ratio.
// Each runs with 1 writer (one after the other) and with 16 in flight (Promise.all over a queue; on
// PostgreSQL over the store's pool of 10 connections, on PGlite queued behind its one connection).
// After the commits: reserved ≤ installed GPUs on every site and model, and the audit chain verifies.
// Ends with a BENCH_RESULT {json} line; exit code 0 when both checks hold on both stores, 1 otherwise,
// 2 if it could not run. No target is set for the rate.
import { randomBytes } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { machineLine, table } from './lib/common.mjs';
import { onBothStores } from './lib/stores.mjs';

register();
const cp = new URL('../apps/control-plane/src/', import.meta.url);
const { openDb } = await import(new URL('../../../packages/store/src/db.ts', cp).href);
const { migrate } = await import(new URL('store/migrate.ts', cp).href);
const { loadFleetFile } = await import(new URL('fleet/fleet-file.ts', cp).href);
const { syncFleet } = await import(new URL('fleet/fleet-store.ts', cp).href);
const { FleetService } = await import(new URL('fleet/fleet-service.ts', cp).href);
const { EventBus } = await import(new URL('events/event-bus.ts', cp).href);
const { LiveState } = await import(new URL('events/live-state.ts', cp).href);
const { loadPolicyPack } = await import(new URL('placement/policy-pack.ts', cp).href);
const { WorkloadService } = await import(new URL('placement/workload-service.ts', cp).href);
/** The baseline rows' ids, shaped as the service makes them. */
const newWorkloadId = () => `wl-${randomBytes(8).toString('hex')}`;
const { insertWorkload, readUsage } = await import(new URL('placement/workload-store.ts', cp).href);
const { verifyAudit } = await import(new URL('audit/audit-verify.ts', cp).href);
const { recordAuditKey } = await import(new URL('audit/audit-log.ts', cp).href);
const { auditKeyring, withAuditKeys } = await import(new URL('audit/audit-keys.ts', cp).href);
const { WorkloadRequestSchema } = await import(new URL('../../../packages/shared/src/index.ts', cp).href);

const COMMITS = Number(process.env.BENCH_COMMITS ?? 500);
const WARMUP = 20;
const IN_FLIGHT = 16;
const DATA = new URL('../data/', import.meta.url);

const request = (i) =>
  WorkloadRequestSchema.parse({
    name: `bench workload ${i}`,
    tenant: 'bench-tenant',
    kind: 'inference',
    sector: 'commercial',
    dataClass: 'internal',
    dataOrigin: 'MA',
    gpus: { count: 4 },
  });

/** Runs `n` calls of `fn(i)` with `inFlight` at a time; answers calls per second. */
async function rate(n, inFlight, fn) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

/** Reserved GPUs above installed, per site and model: must be none. */
async function overbooked(db, fleet) {
  const usage = await readUsage(db);
  const over = [];
  for (const site of fleet.sites) {
    for (const [model, reserved] of Object.entries(usage.get(site.id)?.gpus ?? {})) {
      const installed = site.clusters.filter((c) => c.gpuModel === model).reduce((n, c) => n + c.gpuCount, 0);
      if (reserved > installed) over.push(`${site.id} ${model}: ${reserved} reserved of ${installed}`);
    }
  }
  return over;
}

async function measure(kind, options) {
  // Keyed as the control plane keys its store: every audit record is an HMAC with a key kept outside it.
  const db = withAuditKeys(await openDb(options), auditKeyring(randomBytes(32).toString('hex')));
  try {
    await migrate(db);
    const { fleet: file, version } = loadFleetFile(fileURLToPath(new URL('fleet.yaml', DATA)));
    await syncFleet(db, file, version);
    await recordAuditKey(db, new Date());
    const fleet = new FleetService(db);
    const service = new WorkloadService({ db, fleet, live: new LiveState(new EventBus()), policy: loadPolicyPack(fileURLToPath(new URL('policy', DATA))) });

    let seq = 0;
    const commit = () => service.commit(request(seq++), { actor: 'bench' });
    for (let i = 0; i < WARMUP; i++) await commit();
    const planOne = await rate(COMMITS, 1, (i) => service.makePlan(request(i)));
    const commitOne = await rate(COMMITS, 1, commit);
    const commitMany = await rate(COMMITS, IN_FLIGHT, commit);

    const view = await fleet.current();
    const over = await overbooked(db, view);
    const audit = await verifyAudit(db);

    // The baseline row: what a commit inserts, with the plan a commit stores beside it.
    const plan = await service.makePlan(request(0));
    const top = plan.candidates[0];
    const row = () => {
      const at = new Date().toISOString();
      const r = request(seq++);
      return {
        id: newWorkloadId(),
        name: r.name,
        tenant: r.tenant,
        kind: r.kind,
        sector: r.sector,
        dataClass: r.dataClass,
        dataOrigin: r.dataOrigin,
        state: 'released',
        siteId: top.siteId,
        gpuModel: top.gpuModel,
        gpuCount: 4,
        powerKw: top.powerKw,
        request: r,
        createdAt: at,
        updatedAt: at,
      };
    };
    const insert = () => db.transaction((tx) => insertWorkload(tx, row(), plan));
    const insertOne = await rate(COMMITS, 1, insert);
    const insertMany = await rate(COMMITS, IN_FLIGHT, insert);
    return { kind, planOne, commitOne, commitMany, insertOne, insertMany, overbooked: over, auditOk: audit.ok, auditRecords: audit.count, sites: view.sites.length };
  } finally {
    await db.close();
  }
}

console.log(`placement commits — ${machineLine()}`);
console.log(`${COMMITS} commits per run after ${WARMUP} warm-up commits; 4 GPUs each, any model; default fleet and policy pack\n`);
const results = await onBothStores('placement-commit', measure);

const k = (n) => `${Math.round(n).toLocaleString('en-US')}/s`;
console.log(
  table([
    ['store', 'plan, 1 writer', 'commit, 1 writer', `commit, ${IN_FLIGHT} in flight`, 'plain insert, 1 writer', `plain insert, ${IN_FLIGHT} in flight`, 'insert ÷ commit (1 writer)', 'checks'],
    ...results.map((r) => [
      r.kind,
      k(r.planOne),
      k(r.commitOne),
      k(r.commitMany),
      k(r.insertOne),
      k(r.insertMany),
      `× ${(r.insertOne / r.commitOne).toFixed(1)}`,
      r.overbooked.length === 0 && r.auditOk ? `no site overbooked; audit chain of ${r.auditRecords} verifies` : `FAILED: ${[...r.overbooked, r.auditOk ? '' : 'audit chain broken'].join('; ')}`,
    ]),
  ]),
);
const pass = results.every((r) => r.overbooked.length === 0 && r.auditOk);
console.log(
  `BENCH_RESULT ${JSON.stringify({
    bench: 'placement-commit',
    pass,
    commits: COMMITS,
    inFlight: IN_FLIGHT,
    results: results.map((r) => ({
      kind: r.kind,
      planOne: Math.round(r.planOne),
      commitOne: Math.round(r.commitOne),
      commitMany: Math.round(r.commitMany),
      insertOne: Math.round(r.insertOne),
      insertMany: Math.round(r.insertMany),
      overbooked: r.overbooked.length,
      auditOk: r.auditOk,
    })),
  })}`,
);
process.exit(pass ? 0 : 1);
