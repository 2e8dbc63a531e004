import type { SiteRow, SiteStatus } from '@corridor/shared';
import { countryName } from '../../../lib/countries.ts';
import { STATUS_ORDER, STATUS_STYLES } from '../../../lib/site-status.ts';

/** What the list (and the map) is narrowed to; all optional, from the URL. */
export interface SiteFilters {
  country?: string;
  status?: SiteStatus;
  operator?: string;
  q?: string;
}

export interface CountryGroup {
  country: string;
  name: string;
  sites: SiteRow[];
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

/** Lower-case without accents, so "oreus" finds Oréus and "cote" finds Côte d'Ivoire. */
export const normalizeText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Sites matching every filter; the search text matches name, city or operator. */
export function filterSites(sites: readonly SiteRow[], filters: SiteFilters): SiteRow[] {
  const words = normalizeText(filters.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return sites.filter((site) => {
    if (filters.country && site.country !== filters.country) return false;
    if (filters.status && site.status !== filters.status) return false;
    if (filters.operator && site.operatorId !== filters.operator) return false;
    if (words.length === 0) return true;
    const haystack = normalizeText(`${site.name} ${site.city} ${site.operatorName}`);
    return words.every((word) => haystack.includes(word));
  });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

/** Sites grouped by country, countries and sites in alphabetical order. */
export function groupByCountry(sites: readonly SiteRow[]): CountryGroup[] {
  const groups = new Map<string, SiteRow[]>();
  for (const site of sites) {
    const group = groups.get(site.country);
    if (group) group.push(site);
    else groups.set(site.country, [site]);
  }
  return [...groups].map(([country, rows]) => ({ country, name: countryName(country), sites: rows.sort(byName) })).sort(byName);
}

function countBy(sites: readonly SiteRow[], key: (s: SiteRow) => string, label: (value: string, site: SiteRow) => string): FilterOption[] {
  const options = new Map<string, FilterOption>();
  for (const site of sites) {
    const value = key(site);
    const option = options.get(value);
    if (option) option.count += 1;
    else options.set(value, { value, label: label(value, site), count: 1 });
  }
  return [...options.values()].sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/** Choices for the three filters, from the whole fleet (not the filtered list, so a choice never vanishes). */
export function filterOptions(sites: readonly SiteRow[]): { countries: FilterOption[]; statuses: FilterOption[]; operators: FilterOption[] } {
  const statusCounts = new Map<SiteStatus, number>();
  for (const site of sites) statusCounts.set(site.status, (statusCounts.get(site.status) ?? 0) + 1);
  return {
    countries: countBy(
      sites,
      (s) => s.country,
      (code) => countryName(code),
    ),
    statuses: STATUS_ORDER.map((status) => ({ value: status, label: STATUS_STYLES[status].label, count: statusCounts.get(status) ?? 0 })),
    operators: countBy(
      sites,
      (s) => s.operatorId,
      (_, site) => site.operatorName,
    ),
  };
}
