import type { SiteRow } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { filterOptions, filterSites, groupByCountry } from './site-rows.ts';

const row = (overrides: Partial<SiteRow>): SiteRow => ({
  id: 'site',
  name: 'Site',
  country: 'MA',
  city: 'Rabat',
  lat: 34,
  lon: -6.8,
  status: 'operational',
  itCapacityMw: 7.5,
  gpuCount: 1000,
  operatorId: 'usdc',
  operatorName: 'USDC Morocco',
  controlledBy: 'MA',
  ...overrides,
});

const fleet: SiteRow[] = [
  row({ id: 'rabat-1', name: 'Rabat AI 1' }),
  row({ id: 'nador', name: 'Nador Edge', city: 'Nador', status: 'construction' }),
  row({ id: 'athena', name: 'Athena', country: 'FR', city: 'Grenoble', operatorId: 'oreus', operatorName: 'Oréus', controlledBy: 'FR' }),
  row({ id: 'madrid', name: 'Madrid AI', country: 'ES', city: 'Madrid', status: 'planned' }),
];

describe('filterSites', () => {
  it('searches name, city and operator, ignoring case and accents', () => {
    expect(filterSites(fleet, { q: 'oreus' }).map((s) => s.id)).toEqual(['athena']);
    expect(filterSites(fleet, { q: 'GRENOBLE' }).map((s) => s.id)).toEqual(['athena']);
    expect(filterSites(fleet, { q: 'nador edge' }).map((s) => s.id)).toEqual(['nador']);
    expect(filterSites(fleet, { q: '  ' })).toHaveLength(4);
  });

  it('combines country, status and operator filters', () => {
    expect(filterSites(fleet, { country: 'MA' }).map((s) => s.id)).toEqual(['rabat-1', 'nador']);
    expect(filterSites(fleet, { country: 'MA', status: 'construction' }).map((s) => s.id)).toEqual(['nador']);
    expect(filterSites(fleet, { operator: 'usdc', q: 'madrid' }).map((s) => s.id)).toEqual(['madrid']);
    expect(filterSites(fleet, { status: 'maintenance' })).toEqual([]);
  });

  it('filters by declared status and by observed health as the live stream has them', () => {
    const live = {
      'rabat-1': { siteId: 'rabat-1', declared: 'operational', health: 'down', reason: 'site down (injected fault)', since: 1 },
      athena: { siteId: 'athena', declared: 'maintenance', health: 'ok', since: 1, maintenanceUntil: '2026-12-03T14:00:00.000Z' },
    } as const;
    expect(filterSites(fleet, { health: 'down' }, live).map((s) => s.id)).toEqual(['rabat-1']);
    expect(filterSites(fleet, { status: 'operational', health: 'down' }, live).map((s) => s.id)).toEqual(['rabat-1']);
    expect(filterSites(fleet, { status: 'maintenance' }, live).map((s) => s.id)).toEqual(['athena']);
    expect(filterSites(fleet, { status: 'operational' }, live).map((s) => s.id)).toEqual(['rabat-1']);
    // Not built yet: no health to match; built without a report: no data.
    expect(filterSites(fleet, { health: 'no-data' }, live)).toEqual([]);
    expect(filterSites(fleet, { health: 'no-data' }).map((s) => s.id)).toEqual(['rabat-1', 'athena']);
    expect(filterSites(fleet, { health: 'ok' }, live).map((s) => s.id)).toEqual(['athena']);
  });
});

describe('groupByCountry', () => {
  it('groups by country name, sorted, with sites sorted by name', () => {
    const groups = groupByCountry(fleet);
    expect(groups.map((g) => [g.name, g.sites.length])).toEqual([
      ['France', 1],
      ['Morocco', 2],
      ['Spain', 1],
    ]);
    expect(groups[1]!.sites.map((s) => s.name)).toEqual(['Nador Edge', 'Rabat AI 1']);
  });
});

describe('filterOptions', () => {
  it('lists countries, every status and operators with counts', () => {
    const options = filterOptions(fleet);
    expect(options.countries).toEqual([
      { value: 'FR', label: 'France', count: 1 },
      { value: 'MA', label: 'Morocco', count: 2 },
      { value: 'ES', label: 'Spain', count: 1 },
    ]);
    expect(options.statuses).toEqual([
      { value: 'operational', label: 'Operational', count: 2 },
      { value: 'maintenance', label: 'Maintenance', count: 0 },
      { value: 'construction', label: 'Under construction', count: 1 },
      { value: 'planned', label: 'Planned', count: 1 },
    ]);
    expect(options.healths.map((h) => [h.label, h.count])).toEqual([
      ['Down', 0],
      ['Degraded', 0],
      ['No data', 2],
      ['OK', 0],
    ]);
    const live = { athena: { siteId: 'athena', declared: 'maintenance', health: 'degraded', since: 1 } } as const;
    expect(filterOptions(fleet, live).healths.find((h) => h.value === 'degraded')!.count).toBe(1);
    expect(filterOptions(fleet, live).statuses.find((s) => s.value === 'maintenance')!.count).toBe(1);
    expect(options.operators.map((o) => [o.label, o.count])).toEqual([
      ['Oréus', 1],
      ['USDC Morocco', 3],
    ]);
  });
});
