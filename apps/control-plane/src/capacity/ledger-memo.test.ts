import { describe, expect, it } from 'vitest';
import { rollUpLedger, SiteSchema, type Bloc, type Site } from '@corridor/shared';
import { buildCluster, buildSite } from '@corridor/shared/testing';
import type { SiteUsage } from '../placement/plan-input.ts';
import { ledgerRows, type LedgerInput, type SiteMeasures } from './ledger.ts';
import { LedgerRowMemo } from './ledger-memo.ts';

const NOW = new Date('2026-12-03T12:00:00Z');
const operator = { id: 'op', name: 'Op', controlledBy: 'MA' } as const;

function site(id: string, country: Site['country'] = 'MA'): Site {
  const { operatorId: _, ...input } = buildSite({ id, country, itCapacityMw: 2, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 1000, kwPerGpu: 1 })] });
  return SiteSchema.parse({ ...input, operator, gpuCount: 1000 });
}

const SITES = [site('ma-1'), site('ma-2'), site('es-1', 'ES')];
// As the service holds them: once per fleet version.
const BLOCS = new Map<string, readonly Bloc[]>([['ES', ['EU', 'EEA']]]);

function input(usage: Map<string, SiteUsage>, measures: (id: string) => SiteMeasures = () => ({})): LedgerInput {
  return { sites: SITES, blocsOf: BLOCS, usage, liveStatus: () => undefined, measures, typicalGpus: 8, now: NOW };
}

describe('the ledger rows kept between reads', () => {
  it('answers what a fresh computation answers, through commits and telemetry', () => {
    const memo = new LedgerRowMemo();
    const held = { gpus: { H100: 100 }, powerKw: 100 };
    const reads = [
      input(new Map([['ma-1', held]])),
      input(new Map([['ma-1', held]])),
      // A commit at ma-2: a new usage object there, the same one at ma-1.
      input(
        new Map([
          ['ma-1', held],
          ['ma-2', { gpus: { H100: 8 }, powerKw: 8 }],
        ]),
      ),
      // Telemetry: es-1 reports a tenth of its GPUs out of service.
      input(
        new Map([
          ['ma-1', held],
          ['ma-2', { gpus: { H100: 8 }, powerKw: 8 }],
        ]),
        (id) => (id === 'es-1' ? { availability: 0.9 } : {}),
      ),
    ];
    for (const read of reads) {
      for (const groupBy of ['site', 'country', 'network'] as const) expect(memo.rolledUp(read, groupBy)).toEqual(rollUpLedger(ledgerRows(read), groupBy));
    }
    expect(memo.rolledUp(reads[3]!, 'network')[0]!.gpus).toMatchObject({ committed: 108, outOfService: 100 });
  });

  it('rebuilds only the rows whose inputs changed', () => {
    const memo = new LedgerRowMemo();
    const held = { gpus: { H100: 100 }, powerKw: 100 };
    const before = memo.rolledUp(input(new Map([['ma-1', held]])), 'site');
    const after = memo.rolledUp(
      input(
        new Map([
          ['ma-1', held],
          ['ma-2', { gpus: { H100: 8 }, powerKw: 8 }],
        ]),
      ),
      'site',
    );
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.gpus.committed).toBe(8);
    expect(after[2]).toBe(before[2]);
  });

  it('sums again only the groups of the rows that changed, to the same figures as a full roll-up', () => {
    const memo = new LedgerRowMemo();
    const held = { gpus: { H100: 100 }, powerKw: 100.1 };
    const first = input(new Map([['ma-1', held]]));
    const before = { country: memo.rolledUp(first, 'country'), bloc: memo.rolledUp(first, 'bloc') };
    // A commit at ma-2: Morocco (bloc none) is summed again, Spain (EU, EEA) is kept as it was.
    const second = input(
      new Map([
        ['ma-1', held],
        ['ma-2', { gpus: { H100: 8 }, powerKw: 8.3 }],
      ]),
    );
    const after = { country: memo.rolledUp(second, 'country'), bloc: memo.rolledUp(second, 'bloc') };
    for (const groupBy of ['country', 'bloc'] as const) expect(after[groupBy]).toEqual(rollUpLedger(ledgerRows(second), groupBy));
    expect(after.country.map((r) => r.key)).toEqual(['ES', 'MA']);
    expect(after.country[0]).toBe(before.country[0]);
    expect(after.country[1]!.gpus.committed).toBe(108);
    expect(after.bloc.filter((r) => r.key !== 'none')).toEqual(before.bloc.filter((r) => r.key !== 'none'));
    expect(after.bloc.find((r) => r.key === 'EU')).toBe(before.bloc.find((r) => r.key === 'EU'));
    expect(after.bloc.find((r) => r.key === 'none')!.mw.committed).toBeCloseTo(0.108, 3);
  });
});
