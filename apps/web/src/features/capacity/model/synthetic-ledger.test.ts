import type { SiteRow } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { syntheticLedgers } from './synthetic-ledger.ts';

const site = (i: number, status: SiteRow['status'], country: SiteRow['country']): SiteRow => ({
  id: `syn-${i}`,
  name: `Syn ${i}`,
  country,
  city: 'X',
  lat: 30,
  lon: -5,
  status,
  itCapacityMw: 7.5,
  gpuCount: 800,
  operatorId: 'op',
  operatorName: 'Op',
  controlledBy: country,
});

describe('a synthetic fleet’s ledger', () => {
  it('keeps the ledger identity, never counts pipeline as free, and rolls countries up to the network', () => {
    const sites = [site(1, 'operational', 'MA'), site(2, 'maintenance', 'MA'), site(3, 'planned', 'MA'), site(4, 'operational', 'FR')];
    const { site: bySite, country, network } = syntheticLedgers(sites, '2026-12-03T00:00:00Z');
    for (const row of [...bySite.rows, ...country.rows, ...network.rows]) {
      expect(row.gpus.installed).toBe(row.gpus.committed + row.gpus.free + row.gpus.outOfService);
      expect(row.mw.installed).toBeCloseTo(row.mw.committed + row.mw.free + row.mw.outOfService);
    }
    const ma = country.rows.find((r) => r.key === 'MA')!;
    expect(ma.mw).toMatchObject({ installed: 15, free: 7.5, outOfService: 7.5, pipeline: 7.5 });
    expect(ma.underMaintenance).toEqual({ mw: 7.5, gpus: 800 });
    expect(ma.pipelineSites.map((p) => p.siteId)).toEqual(['syn-3']);
    expect(network.rows[0]!.gpus.installed).toBe(2400);
    expect(network.rows[0]!.gpus.pipeline).toBe(800);
  });
});
