import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFleetFile } from '../src/fleet/fleet-file.ts';

const { fleet } = loadFleetFile(fileURLToPath(new URL('../../../data/fleet.yaml', import.meta.url)));

describe('the default fleet (data/fleet.yaml)', () => {
  it('spans Morocco, Spain, France, the US and at least three West African countries', () => {
    expect(fleet.sites.length).toBeGreaterThanOrEqual(15);
    const countries = new Set<string>(fleet.sites.map((s) => s.country));
    for (const c of ['MA', 'ES', 'FR', 'US']) expect(countries).toContain(c);
    expect(['SN', 'CI', 'GH', 'NG'].filter((c) => countries.has(c)).length).toBeGreaterThanOrEqual(3);
  });

  it('has the announced anchors: Orange Tech Casablanca and the ~8,500-GPU Athena cluster in Grenoble', () => {
    const orange = fleet.sites.find((s) => /orange tech/i.test(s.name));
    expect(orange).toMatchObject({ city: 'Casablanca', itCapacityMw: 1.5, floorAreaM2: 15000 });
    const athena = fleet.sites.find((s) => /athena/i.test(s.name))!;
    expect(athena.city).toBe('Grenoble');
    expect(athena.clusters.reduce((n, c) => n + c.gpuCount, 0)).toBeGreaterThanOrEqual(8000);
  });

  it('fits every site’s GPUs within its IT capacity', () => {
    for (const s of fleet.sites) {
      const itKw = s.clusters.reduce((kw, c) => kw + c.gpuCount * c.kwPerGpu, 0);
      expect(itKw / 1000, s.id).toBeLessThanOrEqual(s.itCapacityMw);
    }
  });

  it('links every site into the network, with RTTs no faster than light in fibre', () => {
    const linked = new Set(fleet.links.flatMap((l) => [l.from, l.to]));
    for (const s of fleet.sites) expect(linked.has(s.id), s.id).toBe(true);
    for (const l of fleet.links) expect(l.rttMs, l.id).toBeGreaterThanOrEqual(l.lengthKm / 100);
    expect(fleet.links.some((l) => l.cable === 'Medusa')).toBe(true);
  });

  it('has an operator under US control running a site outside the US', () => {
    const usOperators = new Set(fleet.operators.filter((o) => o.controlledBy === 'US').map((o) => o.id));
    expect(fleet.sites.some((s) => usOperators.has(s.operatorId) && s.country !== 'US')).toBe(true);
  });
});
