import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActingUser } from '@corridor/http-kit';
import { CapacityLedgerSchema, ErrorBodySchema, type CapacityLedger, type CapacityLedgerRow, type LedgerGroupBy } from '@corridor/shared';
import { buildCluster, buildFleetFile, buildJurisdiction, buildSite } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A fleet that exercises every figure: an operational Moroccan site with two models, one under
 * maintenance, a Spanish site with more GPUs than its power can feed, and three pipeline sites at each
 * stage (announced, under construction, energised).
 */
function ledgerFleet() {
  const base = buildFleetFile();
  const op = base.operators[0]!.id;
  const site = (s: Parameters<typeof buildSite>[0]) => buildSite({ operatorId: op, ...s });
  return {
    ...base,
    jurisdictions: [buildJurisdiction(), buildJurisdiction({ code: 'ES', name: 'Spain', blocs: ['EU', 'EEA'] }), buildJurisdiction({ code: 'FR', name: 'France', blocs: ['EU', 'EEA'] })],
    sites: [
      site({
        id: 'site-a',
        itCapacityMw: 7.5,
        clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 500, kwPerGpu: 1.2 }), buildCluster({ gpuModel: 'L40S', gpuCount: 256, kwPerGpu: 0.6 })],
      }),
      site({ id: 'site-b', status: 'maintenance', itCapacityMw: 2, clusters: [buildCluster({ gpuModel: 'A100', gpuCount: 128, kwPerGpu: 0.8 })] }),
      // 1,024 × 1.25 kW = 1,280 kW on a 1 MW site: 224 GPUs have no power to run on.
      site({ id: 'es-power-bound', country: 'ES', itCapacityMw: 1, clusters: [buildCluster({ gpuModel: 'H200', gpuCount: 1024, kwPerGpu: 1.25 })] }),
      site({ id: 'fr-announced', country: 'FR', status: 'planned', commissioningDate: '2031-06-30', clusters: [buildCluster({ gpuModel: 'GB200', gpuCount: 1000, kwPerGpu: 1.7 })] }),
      site({ id: 'es-building', country: 'ES', status: 'construction', commissioningDate: isoDate(Date.now() + 400 * DAY), clusters: [buildCluster({ gpuModel: 'B200', gpuCount: 800 })] }),
      site({
        id: 'es-energised',
        country: 'ES',
        status: 'construction',
        commissioningDate: isoDate(Date.now() + 30 * DAY),
        itCapacityMw: 3,
        clusters: [buildCluster({ gpuModel: 'B200', gpuCount: 400 })],
      }),
    ],
    links: [],
  };
}

const GPU_FIGURES = ['installed', 'committed', 'outOfService', 'free', 'stranded', 'pipeline'] as const;

describe.each(STORE_KINDS)('the capacity ledger, on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, ledgerFleet());
  });
  afterAll(async () => {
    await h?.close();
  });

  const ledger = async (groupBy: LedgerGroupBy = 'site', user: ActingUser = USERS.operator): Promise<CapacityLedger> => {
    const res = await h.callAs(user, 'GET', `/v1/capacity/ledger?groupBy=${groupBy}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return CapacityLedgerSchema.parse(res.body);
  };
  const row = (l: CapacityLedger, key: string): CapacityLedgerRow => {
    const found = l.rows.find((r) => r.key === key);
    if (!found) throw new Error(`no row ${key} in ${l.rows.map((r) => r.key).join(', ')}`);
    return found;
  };
  const committedGpus = async () => (await h.cp.db.query<{ n: number }>(`SELECT coalesce(sum(gpu_count), 0)::int AS n FROM workloads WHERE state IN ('placed', 'running', 'migrating')`)).rows[0]!.n;
  const sumRows = (rows: readonly CapacityLedgerRow[]) => Object.fromEntries(GPU_FIGURES.map((f) => [f, rows.reduce((n, r) => n + r.gpus[f], 0)]));

  it('holds installed = committed + free + out of service per model and per site, in GPUs and MW', async () => {
    await h.call('POST', '/v1/workloads', workloadBody({ gpus: { count: 64, model: 'H100' } }));
    const l = await ledger();
    expect(l.rows.map((r) => r.key).sort()).toEqual(['es-building', 'es-energised', 'es-power-bound', 'fr-announced', 'site-a', 'site-b']);
    for (const r of l.rows) {
      for (const m of r.gpusByModel) expect(m.committed + m.free + m.outOfService, `${r.key} ${m.model}`).toBe(m.installed);
      expect(r.gpus.committed + r.gpus.free + r.gpus.outOfService, r.key).toBe(r.gpus.installed);
      expect(r.mw.committed + r.mw.free + r.mw.outOfService, r.key).toBeCloseTo(r.mw.installed, 3);
      expect(r.gpus.stranded).toBeLessThanOrEqual(Math.max(0, r.gpus.free));
    }
    expect(l).toMatchObject({ groupBy: 'site', audience: 'fleet', fleetVersion: expect.any(String), policyVersion: expect.stringMatching(/\S/) });
    expect(Date.now() - Date.parse(l.asOf)).toBeLessThan(60_000);
  });

  it('marks a site under maintenance, counts it installed and none of it free', async () => {
    const b = row(await ledger(), 'site-b');
    expect(b.site).toMatchObject({ status: 'maintenance', underMaintenance: true });
    expect(b.gpus).toMatchObject({ installed: 128, committed: 0, outOfService: 128, free: 0 });
    expect(b.mw).toMatchObject({ installed: 2, outOfService: 2, free: 0 });
    expect(b.underMaintenance).toEqual({ mw: 2, gpus: 128 });
  });

  it('never counts the pipeline as installed or free, and gives each pipeline site its stage and date', async () => {
    const l = await ledger();
    const stages = Object.fromEntries(['fr-announced', 'es-building', 'es-energised'].map((id) => [id, row(l, id).site?.stage]));
    expect(stages).toEqual({ 'fr-announced': 'announced', 'es-building': 'under-construction', 'es-energised': 'energised' });
    for (const id of Object.keys(stages)) {
      const r = row(l, id);
      expect(r.gpus, id).toMatchObject({ installed: 0, free: 0, committed: 0, stranded: 0 });
      expect(r.mw, id).toMatchObject({ installed: 0, free: 0 });
      expect(r.gpus.pipeline).toBeGreaterThan(0);
    }
    expect(row(l, 'fr-announced')).toMatchObject({ gpus: { pipeline: 1000 }, mw: { pipeline: 7.5 }, pipelineSites: [{ siteId: 'fr-announced', commissioningDate: '2031-06-30', stage: 'announced' }] });
  });

  it('counts as stranded the GPUs the power cannot feed and the fragment short of a typical request', async () => {
    const l = await ledger();
    // Typical request: the median committed request, 64 GPUs (the one workload above).
    expect(l.typicalRequest.gpus).toBe(64);
    const es = row(l, 'es-power-bound');
    // 1,000 kW feed 800 of the 1,024 free H200 (224 without power); 800 = 12 × 64 + 32 (a fragment).
    expect(es.gpus).toMatchObject({ installed: 1024, free: 1024, stranded: 224 + 32 });
    expect(es.mw.stranded).toBe(0);
    const a = row(l, 'site-a');
    // H100: 500 − 64 = 436 free → 6 × 64 + 52; L40S: 256 = 4 × 64.
    expect(a.gpusByModel.map((m) => [m.model, m.free, m.stranded])).toEqual([
      ['H100', 436, 52],
      ['L40S', 256, 0],
    ]);
  });

  it('raises committed and lowers free by exactly the GPUs and kW of a commit, at the site, its country, its bloc and the network', async () => {
    const before = await Promise.all((['site', 'country', 'bloc', 'network'] as const).map((g) => ledger(g)));
    const res = await h.call('POST', '/v1/workloads', workloadBody({ gpus: { count: 32, model: 'L40S' }, powerKw: 20 }));
    expect(res.status).toBe(201);
    const after = await Promise.all((['site', 'country', 'bloc', 'network'] as const).map((g) => ledger(g)));
    for (const [i, key] of ['site-a', 'MA', 'none', 'network'].entries()) {
      const [b, a] = [row(before[i]!, key), row(after[i]!, key)];
      expect(a.gpus.committed - b.gpus.committed, key).toBe(32);
      expect(a.gpus.free - b.gpus.free, key).toBe(-32);
      expect(a.mw.committed - b.mw.committed, key).toBeCloseTo(0.02, 3);
      expect(a.mw.free - b.mw.free, key).toBeCloseTo(-0.02, 3);
      expect(a.gpus.installed, key).toBe(b.gpus.installed);
    }
  });

  it('rolls up: countries and the network add up the site rows; each bloc adds up its countries', async () => {
    const [sites, countries, blocs, network] = await Promise.all([ledger('site'), ledger('country'), ledger('bloc'), ledger('network')]);
    expect(countries.rows.map((r) => r.key)).toEqual(['ES', 'FR', 'MA']);
    expect(network.rows).toHaveLength(1);
    const net = network.rows[0]!;
    expect(sumRows(sites.rows)).toEqual(sumRows(network.rows));
    expect(sumRows(countries.rows)).toEqual(sumRows(network.rows));
    expect(countries.rows.reduce((n, r) => n + r.mw.installed, 0)).toBeCloseTo(net.mw.installed, 3);
    expect(net.mw.installed).toBeCloseTo(7.5 + 2 + 1, 3);
    expect(net.mw.pipeline).toBeCloseTo(7.5 + 7.5 + 3, 3);
    expect(net.sites).toEqual({ installed: 3, underMaintenance: 1, pipeline: 3 });
    expect(net.pipelineSites.map((p) => p.siteId)).toEqual(['es-energised', 'es-building', 'fr-announced']);
    // EU and EEA both hold Spain and France; Morocco is in no bloc.
    expect(blocs.rows.map((r) => r.key)).toEqual(['EEA', 'EU', 'none']);
    const euro = sumRows([row(countries, 'ES'), row(countries, 'FR')]);
    expect(sumRows([row(blocs, 'EU')])).toEqual(euro);
    expect(sumRows([row(blocs, 'EEA')])).toEqual(euro);
    expect(sumRows([row(blocs, 'none')])).toEqual(sumRows([row(countries, 'MA')]));
  });

  it('shows a tenant the fleet’s supply but committed only of its own workloads', async () => {
    await h.call('POST', '/v1/workloads', workloadBody({ tenant: 'tenant-a', gpus: { count: 16, model: 'H100' } }));
    const [fleet, own] = [await ledger('site'), await ledger('site', USERS.tenantA)];
    expect(own).toMatchObject({ audience: 'tenant', tenant: 'tenant-a' });
    const [f, t] = [row(fleet, 'site-a'), row(own, 'site-a')];
    expect(t.gpus.committed).toBe(16);
    expect(t.mw.committed).toBeCloseTo(0.0192, 3);
    expect(f.gpus.committed).toBe(64 + 32 + 16);
    expect(t.gpus.free).toBe(f.gpus.free);
    expect(t.gpus.installed).toBe(f.gpus.installed);
  });

  it('answers 400 naming the parameter for a hostile query', async () => {
    const problem = async (query: string) => {
      const res = await h.call('GET', `/v1/capacity/ledger?${query}`);
      expect(res.status, query).toBe(400);
      const { fields, message } = ErrorBodySchema.parse(res.body).error;
      return `${fields?.[0]?.field}: ${message}`;
    };
    expect(await problem('groupBy=planet')).toMatch(/^groupBy: /);
    expect(await problem('groupBy=site&groupBy=country')).toMatch(/^groupBy: /);
    expect(await problem("groupBy=site';DROP TABLE workloads;--")).toMatch(/^groupBy: /);
    // Unknown parameters are refused by name, not ignored.
    expect(await problem('groupBy[$ne]=site')).toMatch(/groupBy\[\$ne\]/);
    expect(await problem('tenant=tenant-b')).toMatch(/tenant/);
    expect(await h.count('workloads')).toBe(3);
  });

  it('keeps committed exact through 100 commits and 50 releases, 50 at a time, read while they land', { timeout: 90_000 }, async () => {
    await ledger(); // the reservations are held from here on
    const before = await committedGpus();
    const reads: Promise<CapacityLedger>[] = [];
    const ownReads: Promise<CapacityLedger>[] = [];
    const landed: string[] = [];
    // 50 in flight at once: more only queues behind PGlite's one connection or the server's pool of 10.
    for (let wave = 0; wave < 2; wave++) {
      const ids = await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const i = wave * 50 + j;
          const tenant = i % 5 === 0 ? 'tenant-a' : 'bank-of-test';
          const res = await h.call('POST', '/v1/workloads', workloadBody({ tenant, gpus: { count: 1, model: i % 5 < 3 ? 'H100' : 'L40S' }, powerKw: 1 }));
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          if (i % 10 === 0) {
            reads.push(ledger('site'));
            ownReads.push(ledger('site', USERS.tenantA));
          }
          if (i % 2 === 1) expect((await h.call('DELETE', `/v1/workloads/${res.body.id}`)).status).toBe(200);
          return res.body.id as string;
        }),
      );
      landed.push(...ids);
    }
    expect(landed).toHaveLength(100);
    // Read while commits and releases landed: every fleet answer holds the identity, every tenant answer is of its own.
    for (const l of await Promise.all(reads)) for (const r of l.rows) expect(r.gpus.committed + r.gpus.free + r.gpus.outOfService, r.key).toBe(r.gpus.installed);
    for (const l of await Promise.all(ownReads)) expect(l.rows.reduce((n, r) => n + r.gpus.committed, 0)).toBeLessThanOrEqual(16 + 20);

    // Against a fresh sum of the store, in GPUs per site and model and in kW, for the fleet and for one tenant.
    const fresh = async (tenant?: string) => {
      const { rows } = await h.cp.db.query<{ site_id: string; gpu_model: string; gpus: number; kw: number }>(
        `SELECT site_id, gpu_model, sum(gpu_count)::int AS gpus, sum(power_kw)::float8 AS kw FROM workloads
          WHERE state IN ('placed', 'running', 'migrating') ${tenant ? 'AND tenant = $1' : ''} GROUP BY 1, 2`,
        tenant ? [tenant] : [],
      );
      return rows;
    };
    const compare = (l: CapacityLedger, sums: Awaited<ReturnType<typeof fresh>>) => {
      for (const r of l.rows) {
        const mine = sums.filter((s) => s.site_id === r.key);
        for (const m of r.gpusByModel) expect(m.committed, `${r.key} ${m.model}`).toBe(mine.find((s) => s.gpu_model === m.model)?.gpus ?? 0);
        expect(r.mw.committed, r.key).toBeCloseTo(mine.reduce((kw, s) => kw + s.kw, 0) / 1000, 3);
      }
    };
    const [fleetSums, ownSums] = await Promise.all([fresh(), fresh('tenant-a')]);
    expect(fleetSums.reduce((n, s) => n + s.gpus, 0)).toBe(before + 50);
    compare(await ledger('site'), fleetSums);
    compare(await ledger('site', USERS.tenantA), ownSums);
  });
});
