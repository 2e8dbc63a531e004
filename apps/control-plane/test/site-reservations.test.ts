import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapacityLedgerSchema, FaultViewSchema, WORKLOAD_STATES } from '@corridor/shared';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import { migrate as migrateDir, openDb, type Queryable } from '@corridor/store';
import { migrate } from '../src/store/migrate.ts';
import { ACTIVE_STATES } from '../src/placement/workload-store.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS, freshStore } from './stores.ts';

/*
 * The reservation summaries migration 013 keeps by trigger (site_reservations, tenant_site_reservations,
 * reservation_sizes: what the capacity ledger reads) against a fresh sum of the workloads themselves,
 * after every write path of the workload store: commits, releases, moves off a site that went down,
 * strands, re-placements — and after the migration's back-fill of a store an earlier release left.
 */

const ACTIVE = `state IN (${ACTIVE_STATES.map((s) => `'${s}'`).join(', ')})`;
const rowsOf = async (db: Queryable, sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;

/** Each summary and the same sums taken over the workloads now (kW to the µW: float sums differ in the last bits by order). */
async function summariesAndFreshSums(db: Queryable) {
  const [sites, tenants, sizes, freshSites, freshTenants, freshSizes] = await Promise.all([
    rowsOf(db, 'SELECT site_id, gpu_model, workloads, gpus::int AS gpus, round(power_kw::numeric, 6)::float8 AS kw FROM site_reservations ORDER BY 1, 2'),
    rowsOf(db, 'SELECT tenant, site_id, gpu_model, workloads, gpus::int AS gpus, round(power_kw::numeric, 6)::float8 AS kw FROM tenant_site_reservations ORDER BY 1, 2, 3'),
    rowsOf(db, 'SELECT gpu_count, workloads FROM reservation_sizes ORDER BY 1'),
    rowsOf(
      db,
      `SELECT site_id, gpu_model, count(*)::int AS workloads, sum(gpu_count)::int AS gpus, round(sum(power_kw)::numeric, 6)::float8 AS kw FROM workloads WHERE ${ACTIVE} GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    rowsOf(
      db,
      `SELECT tenant, site_id, gpu_model, count(*)::int AS workloads, sum(gpu_count)::int AS gpus, round(sum(power_kw)::numeric, 6)::float8 AS kw FROM workloads WHERE ${ACTIVE} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    rowsOf(db, `SELECT gpu_count, count(*)::int AS workloads FROM workloads WHERE ${ACTIVE} GROUP BY 1 ORDER BY 1`),
  ]);
  return { summaries: { sites, tenants, sizes }, fresh: { sites: freshSites, tenants: freshTenants, sizes: freshSizes } };
}

/** Casablanca-like site-a (2,048 H100 and 512 L40S) and site-b (1,024 H100): H100 work can move between them, L40S work cannot. */
const fleet = buildFleetFile();
fleet.sites[0]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 2048 }), buildCluster({ gpuModel: 'L40S', gpuCount: 512 })];
fleet.sites[1]!.clusters = [buildCluster({ gpuModel: 'H100', gpuCount: 1024 })];

describe.each(STORE_KINDS)('the reservation summaries on %s', (kind) => {
  let h: PlacementHarness;
  const faults: string[] = [];
  beforeAll(async () => {
    h = await placementHarness(kind, fleet, { simulator: true });
  });
  afterAll(async () => {
    for (const id of faults) await h?.callAs(null, 'DELETE', `/v1/faults/${id}`);
    await h?.close();
  });

  /** The summaries equal the workloads' sums, and the ledger shows those sums as committed, per site and model. */
  const expectExact = async () => {
    const { summaries, fresh } = await summariesAndFreshSums(h.cp.db);
    expect(summaries).toEqual(fresh);
    const ledger = CapacityLedgerSchema.parse((await h.call('GET', '/v1/capacity/ledger?groupBy=site')).body);
    for (const row of ledger.rows)
      for (const m of row.gpusByModel) expect(m.committed, `${row.key} ${m.model}`).toBe((fresh.sites.find((s) => s.site_id === row.key && s.gpu_model === m.model)?.gpus as number) ?? 0);
    return fresh;
  };
  const siteDown = async (siteId: string) => {
    const res = await h.callAs(null, 'POST', '/v1/faults', { kind: 'site-down', siteId });
    expect(res.status).toBe(201);
    faults.push(FaultViewSchema.parse(res.body).id);
  };

  it('follows commits in parallel and releases', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const model = i % 3 === 0 ? 'L40S' : 'H100';
        const res = await h.call('POST', '/v1/workloads', workloadBody({ tenant: i % 2 ? 'tenant-a' : 'bank-of-test', gpus: { count: 8 * (1 + (i % 4)), model } }));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.id as string;
      }),
    );
    for (const id of ids.filter((_, i) => i % 4 === 1)) expect((await h.call('DELETE', `/v1/workloads/${id}`)).status).toBe(200);
    const fresh = await expectExact();
    expect(fresh.sizes.reduce((n, s) => n + (s.workloads as number), 0)).toBe(9);
  });

  it('follows the moves off a site that went down and the strands of what cannot move', async () => {
    await siteDown('site-a');
    const fresh = await expectExact();
    // H100 work moved to site-b; L40S work had nowhere to go.
    expect(fresh.sites.map((s) => `${s.site_id} ${s.gpu_model}`)).toEqual(['site-b H100']);
    expect(await h.count('workloads', `state = 'stranded'`)).toBeGreaterThan(0);
  });

  it('is empty once every workload is stranded, and follows their re-placement', async () => {
    await siteDown('site-b');
    expect((await expectExact()).sites).toEqual([]);
    expect((await h.callAs(null, 'DELETE', `/v1/faults/${faults.pop()}`)).status).toBe(204);
    expect((await expectExact()).sites.map((s) => `${s.site_id} ${s.gpu_model}`)).toEqual(['site-b H100']);
  });
});

const MIGRATIONS = fileURLToPath(new URL('../src/store/migrations/', import.meta.url));

describe.each(STORE_KINDS)('migration 013 on %s', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('back-fills the summaries from the workloads an earlier release left, counting exactly the states that reserve', async () => {
    const store = await freshStore(kind);
    cleanups.push(store.cleanup);
    const db = await openDb(store);
    cleanups.push(() => db.close());
    const earlier = mkdtempSync(join(tmpdir(), 'corridor-migrations-'));
    cleanups.push(() => rmSync(earlier, { recursive: true, force: true }));
    for (const file of readdirSync(MIGRATIONS).filter((f) => f < '013')) cpSync(join(MIGRATIONS, file), join(earlier, file));
    await migrateDir(db, { dir: earlier, table: 'schema_migrations', lockKey: 727_001 });

    // One workload in each state, two tenants, two sites: only placed, running and migrating reserve.
    for (const [i, state] of WORKLOAD_STATES.entries()) {
      const site = state === 'pending' || state === 'stranded' ? null : i % 2 ? 'site-a' : 'site-b';
      await db.query(
        `INSERT INTO workloads (id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw, request, created_at, updated_at)
         VALUES ($1, 'w', $2, 'training', 'commercial', 'internal', 'MA', $3, $4, $5, $6, $7, '{}', now(), now())`,
        [`wl-${state}`, i % 2 ? 'tenant-a' : 'bank-of-test', state, site, site ? 'H100' : null, 8 * (i + 1), 1.2 * 8 * (i + 1)],
      );
    }
    expect(await migrate(db)).toContain('013_site_reservations.sql');

    const { summaries, fresh } = await summariesAndFreshSums(db);
    expect(summaries).toEqual(fresh);
    expect(summaries.sizes.reduce((n, s) => n + (s.workloads as number), 0)).toBe(ACTIVE_STATES.length);

    // From here on the triggers keep them: a release, a move to the other site, a strand.
    await db.query(`UPDATE workloads SET state = 'released' WHERE id = 'wl-placed'`);
    await db.query(`UPDATE workloads SET site_id = 'site-a', state = 'running' WHERE id = 'wl-migrating'`);
    await db.query(`UPDATE workloads SET site_id = NULL, state = 'stranded' WHERE id = 'wl-running'`);
    const after = await summariesAndFreshSums(db);
    expect(after.summaries).toEqual(after.fresh);
    expect(after.summaries.sites).toEqual([{ site_id: 'site-a', gpu_model: 'H100', workloads: 1, gpus: 32, kw: 38.4 }]);
  });
});
