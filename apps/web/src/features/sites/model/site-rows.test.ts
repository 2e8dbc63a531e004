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
    expect(filterSites(fleet, { status: 'offline' })).toEqual([]);
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
    expect(options.statuses.find((s) => s.value === 'offline')).toEqual({ value: 'offline', label: 'Offline', count: 0 });
    expect(options.operators.map((o) => [o.label, o.count])).toEqual([
      ['Oréus', 1],
      ['USDC Morocco', 3],
    ]);
  });
});
