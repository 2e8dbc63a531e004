import type { Link } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { controlLine, gpusByModel, showsCommissioning, siteLinkRows } from './site-detail.ts';

const end = (id: string, name: string) => ({ id, name, kind: 'site' as const, country: 'FR' as const, lat: 45, lon: 5 });
const link = (id: string, from: string, to: string, rttMs: number): Link => ({
  id,
  name: id,
  cable: 'Medusa',
  kind: 'submarine',
  from: end(from, from.toUpperCase()),
  to: end(to, to.toUpperCase()),
  lengthKm: 1000,
  rttMs,
  rttSource: 'modelled',
  path: [],
  source: 'test',
});

describe('site detail', () => {
  it('names the operator and who controls it', () => {
    expect(controlLine({ id: 'oreus', name: 'Oréus', controlledBy: 'FR' })).toBe('Oréus · controlled by FR');
  });

  it('totals GPUs by model, largest first', () => {
    const clusters = [
      { id: 'a', name: 'A', gpuModel: 'H100' as const, gpuCount: 500, kwPerGpu: 1.3 },
      { id: 'b', name: 'B', gpuModel: 'H200' as const, gpuCount: 8000, kwPerGpu: 1.4 },
      { id: 'c', name: 'C', gpuModel: 'H100' as const, gpuCount: 100, kwPerGpu: 1.3 },
    ];
    expect(gpusByModel(clusters)).toEqual([
      { gpuModel: 'H200', gpuCount: 8000 },
      { gpuModel: 'H100', gpuCount: 600 },
    ]);
  });

  it('shows links from the site towards the other end, nearest first', () => {
    const rows = siteLinkRows('athena', [link('l1', 'athena', 'marseille', 6), link('l2', 'nador', 'athena', 3)]);
    expect(rows.map((r) => [r.otherEnd, r.rttMs])).toEqual([
      ['NADOR', 3],
      ['MARSEILLE', 6],
    ]);
  });

  it('shows the commissioning date only for sites not yet built', () => {
    expect(showsCommissioning('planned')).toBe(true);
    expect(showsCommissioning('construction')).toBe(true);
    expect(showsCommissioning('operational')).toBe(false);
  });
});
