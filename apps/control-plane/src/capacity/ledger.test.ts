import { describe, expect, it } from 'vitest';
import { SiteSchema, type Site } from '@corridor/shared';
import { buildCluster, buildSite } from '@corridor/shared/testing';
import type { SiteUsage } from '../placement/plan-input.ts';
import { pipelineStage, siteLedgerRow, type LedgerInput, type SiteMeasures } from './ledger.ts';

const NOW = new Date('2026-12-03T12:00:00Z');
const operator = { id: 'op', name: 'Op', controlledBy: 'MA' } as const;

function site(overrides: Parameters<typeof buildSite>[0] = {}): Site {
  const { operatorId: _, ...input } = buildSite({ id: 'site-x', itCapacityMw: 2, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 1000, kwPerGpu: 1 })], ...overrides });
  return SiteSchema.parse({ ...input, operator, gpuCount: input.clusters.reduce((n, c) => n + c.gpuCount, 0) });
}

function input(over: Partial<LedgerInput> & { usage?: Map<string, SiteUsage>; measures?: (id: string) => SiteMeasures } = {}): LedgerInput {
  return { sites: [], blocsOf: new Map(), usage: new Map(), liveStatus: () => undefined, measures: () => ({}), typicalGpus: 8, now: NOW, ...over };
}

const held = (gpus: number, powerKw: number) => new Map([['site-x', { gpus: { H100: gpus }, powerKw }]]);

describe('one site’s ledger row', () => {
  it('takes the GPUs telemetry reports unavailable out of service, with their kW, and keeps the identity', () => {
    const row = siteLedgerRow(site(), input({ usage: held(100, 100), measures: () => ({ availability: 0.9, itPowerW: 850_000, gpusBusy: 640 }) }));
    expect(row.gpus).toMatchObject({ installed: 1000, committed: 100, outOfService: 100, free: 800 });
    expect(row.mw).toMatchObject({ installed: 2, committed: 0.1, outOfService: 0.1, free: 1.8 });
    // Measured and reserved stay apart: 640 busy beside 100 committed.
    expect(row.inUse).toEqual({ itMw: 0.85, gpusBusy: 640, sitesReporting: 1 });
  });

  it('puts the whole uncommitted remainder of a degraded or offline site out of service', () => {
    for (const status of ['degraded', 'offline'] as const) {
      const row = siteLedgerRow(site(), input({ usage: held(100, 100), liveStatus: () => status }));
      expect(row.gpus, status).toMatchObject({ installed: 1000, committed: 100, outOfService: 900, free: 0, stranded: 0 });
      expect(row.mw.free, status).toBe(0);
      expect(row.site?.underMaintenance).toBe(false);
    }
  });

  it('says free is negative when the fleet shrank under its reservations (never hides an overbooking)', () => {
    const row = siteLedgerRow(site(), input({ usage: held(1200, 1200) }));
    expect(row.gpus).toMatchObject({ installed: 1000, committed: 1200, outOfService: 0, free: -200, stranded: 0 });
  });

  it('counts free power no free GPU can draw as stranded MW', () => {
    // 8 MW for 1,000 × 1 kW: 7 MW have no GPU to feed.
    expect(siteLedgerRow(site({ itCapacityMw: 8 }), input()).mw.stranded).toBe(7);
  });

  it('shows a tenant its own committed figures while free stays the fleet’s', () => {
    const own = new Map([['site-x', { gpus: { H100: 8 }, powerKw: 8 }]]);
    const row = siteLedgerRow(site(), input({ usage: held(100, 100), ownUsage: own }));
    expect(row.gpus).toMatchObject({ committed: 8, free: 900 });
    expect(row.mw.committed).toBe(0.008);
  });

  it('reads the pipeline stage from the status and the commissioning date', () => {
    const day = 86_400_000;
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(pipelineStage({ status: 'planned', commissioningDate: date(NOW.getTime() + 10 * day) }, NOW)).toBe('announced');
    expect(pipelineStage({ status: 'construction', commissioningDate: date(NOW.getTime() + 120 * day) }, NOW)).toBe('under-construction');
    expect(pipelineStage({ status: 'construction', commissioningDate: date(NOW.getTime() + 89 * day) }, NOW)).toBe('energised');
    expect(pipelineStage({ status: 'construction', commissioningDate: date(NOW.getTime() - 5 * day) }, NOW)).toBe('energised');
  });
});
