import type { DeclaredStatus, ObservedHealth, SiteHealth, SiteRow } from '@corridor/shared';
import { countryName } from '../../../lib/countries.ts';
import { formatTag } from '../../../lib/i18n/runtime.ts';
import { DECLARED_ORDER, DECLARED_STYLES, HEALTH_ORDER, HEALTH_STYLES, siteStateOf } from '../../../lib/site-status.ts';

/** Each site's declared status and observed health from the live stream, by site id. */
export type LiveHealth = Readonly<Record<string, SiteHealth>>;

/** What the list (and the map) is narrowed to; all optional, from the URL. */
export interface SiteFilters {
  country?: string;
  /** Declared status (the fleet's lifecycle; `maintenance` while a window is active). */
  status?: DeclaredStatus;
  /** Observed health; sites not built yet have none, so they never match. */
  health?: ObservedHealth;
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

/** Sites matching every filter, declared status and health as the live stream has them; the search text matches name, city or operator. */
export function filterSites(sites: readonly SiteRow[], filters: SiteFilters, live?: LiveHealth): SiteRow[] {
  const words = normalizeText(filters.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return sites.filter((site) => {
    if (filters.country && site.country !== filters.country) return false;
    if (filters.status || filters.health) {
      const state = siteStateOf(site.status, live?.[site.id]);
      if (filters.status && state.declared !== filters.status) return false;
      if (filters.health && state.health !== filters.health) return false;
    }
    if (filters.operator && site.operatorId !== filters.operator) return false;
    if (words.length === 0) return true;
    const haystack = normalizeText(`${site.name} ${site.city} ${site.operatorName}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** Alphabetical in the language in force (countries are named in it). */
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, formatTag());

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
  return [...options.values()].sort((a, b) => a.label.localeCompare(b.label, formatTag()));
}

export interface FilterOptions {
  countries: FilterOption[];
  /** Declared statuses, every one, with how many sites are in it now. */
  statuses: FilterOption[];
  /** Observed healths, every one, with how many built sites have it now. */
  healths: FilterOption[];
  operators: FilterOption[];
}

/** Choices for the filters, from the whole fleet (not the filtered list, so a choice never vanishes). */
export function filterOptions(sites: readonly SiteRow[], live?: LiveHealth): FilterOptions {
  const declaredCounts = new Map<DeclaredStatus, number>();
  const healthCounts = new Map<ObservedHealth, number>();
  for (const site of sites) {
    const state = siteStateOf(site.status, live?.[site.id]);
    declaredCounts.set(state.declared, (declaredCounts.get(state.declared) ?? 0) + 1);
    if (state.health) healthCounts.set(state.health, (healthCounts.get(state.health) ?? 0) + 1);
  }
  return {
    countries: countBy(
      sites,
      (s) => s.country,
      (code) => countryName(code),
    ),
    statuses: DECLARED_ORDER.map((status) => ({ value: status, label: DECLARED_STYLES[status].label, count: declaredCounts.get(status) ?? 0 })),
    healths: HEALTH_ORDER.map((health) => ({ value: health, label: HEALTH_STYLES[health].label, count: healthCounts.get(health) ?? 0 })),
    operators: countBy(
      sites,
      (s) => s.operatorId,
      (_, site) => site.operatorName,
    ),
  };
}
