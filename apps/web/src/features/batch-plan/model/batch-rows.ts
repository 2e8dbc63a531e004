import type { BatchPlan, BatchPlanResult } from '@corridor/shared';

/** The result table's columns a reader may sort by. */
export type BatchSortKey = 'index' | 'name' | 'outcome' | 'site' | 'gpus' | 'powerKw' | 'score';
export interface BatchSort {
  key: BatchSortKey;
  descending: boolean;
}
export const DEFAULT_SORT: BatchSort = { key: 'index', descending: false };

/** Rows shown at once: 1,000 rows in the DOM at once would make a long task of every sort and filter. */
export const PAGE_SIZE = 50;

/** What a site is called on screen; a site the fleet list does not know keeps its id. */
export type SiteNameOf = (siteId: string) => string;

/** A row's GPUs as asked (the result of an unplaced row does not repeat them). */
export type RequestedGpus = (index: number) => number;

/** A comparable value per column; unplaced rows sort after placed ones on the placed-only figures. */
function sortValue(result: BatchPlanResult, key: BatchSortKey, siteName: SiteNameOf, requestedGpus: RequestedGpus): string | number {
  switch (key) {
    case 'index':
      return result.index;
    case 'name':
      return (result.ref ?? result.name).toLocaleLowerCase();
    case 'outcome':
      return result.outcome === 'placed' ? 0 : 1;
    case 'site':
      return result.outcome === 'placed' ? siteName(result.siteId).toLocaleLowerCase() : '\uffff';
    case 'gpus':
      return result.outcome === 'placed' ? result.gpuCount : requestedGpus(result.index);
    case 'powerKw':
      return result.outcome === 'placed' ? result.powerKw : -1;
    case 'score':
      return result.outcome === 'placed' ? result.score : -1;
  }
}

/** Which rows the table keeps: the unplaced only, or those placed on one site (chosen on the map). */
export interface BatchFilter {
  unplacedOnly: boolean;
  siteId?: string;
}

const kept = (r: BatchPlanResult, { unplacedOnly, siteId }: BatchFilter): boolean =>
  (!unplacedOnly || r.outcome === 'unplaced') && (siteId === undefined || (r.outcome === 'placed' && r.siteId === siteId));

/**
 * The results as the table shows them: filtered as asked, sorted by a column (the request's order
 * breaking ties, so a sort is stable and the same on every render).
 */
export function visibleResults(plan: BatchPlan, sort: BatchSort, filter: BatchFilter, siteName: SiteNameOf, requestedGpus: RequestedGpus): BatchPlanResult[] {
  const rows = filter.unplacedOnly || filter.siteId !== undefined ? plan.results.filter((r) => kept(r, filter)) : [...plan.results];
  if (sort.key === 'index' && !sort.descending) return rows;
  const keyed = rows.map((r) => ({ r, v: sortValue(r, sort.key, siteName, requestedGpus) }));
  const sign = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return order === 0 ? a.r.index - b.r.index : sign * order;
  });
  return keyed.map((k) => k.r);
}

export interface Page<T> {
  rows: T[];
  /** 1-based. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown. */
  from: number;
  to: number;
  total: number;
}

/** One page of rows; a page past the end shows the last one (after a filter shortened the list). */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * size;
  const shown = rows.slice(start, start + size);
  return { rows: shown, page: current, pages, from: shown.length ? start + 1 : 0, to: start + shown.length, total: rows.length };
}

export interface SiteLoad {
  workloads: number;
  gpus: number;
  powerKw: number;
}

/** The workloads each site would receive: what the map marks with a count. */
export function loadPerSite(plan: BatchPlan): Map<string, SiteLoad> {
  const loads = new Map<string, SiteLoad>();
  for (const r of plan.results) {
    if (r.outcome !== 'placed') continue;
    const load = loads.get(r.siteId) ?? { workloads: 0, gpus: 0, powerKw: 0 };
    load.workloads += 1;
    load.gpus += r.gpuCount;
    load.powerKw += r.powerKw;
    loads.set(r.siteId, load);
  }
  return loads;
}
