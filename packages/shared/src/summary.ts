import type { FleetSummary } from './schemas/fleet.ts';
import { SITE_STATUSES, type SiteStatus } from './schemas/site.ts';

interface SummarySite {
  country: string;
  status: SiteStatus;
  itCapacityMw: number;
  gpuCount: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Fleet totals. Maintenance and degraded sites still count as operational capacity. */
export function summarizeFleet(sites: readonly SummarySite[], linkCount: number): FleetSummary {
  const sitesByStatus = Object.fromEntries(SITE_STATUSES.map((s) => [s, 0])) as Record<SiteStatus, number>;
  const mw = { operational: 0, construction: 0, planned: 0, total: 0 };
  const gpus = { total: 0, operational: 0 };
  const countries = new Set<string>();
  for (const site of sites) {
    sitesByStatus[site.status] += 1;
    countries.add(site.country);
    mw.total += site.itCapacityMw;
    gpus.total += site.gpuCount;
    if (site.status === 'planned') mw.planned += site.itCapacityMw;
    else if (site.status === 'construction') mw.construction += site.itCapacityMw;
    else if (site.status !== 'offline') {
      mw.operational += site.itCapacityMw;
      gpus.operational += site.gpuCount;
    }
  }
  return {
    siteCount: sites.length,
    countryCount: countries.size,
    sitesByStatus,
    itCapacityMw: { operational: round(mw.operational), construction: round(mw.construction), planned: round(mw.planned), total: round(mw.total) },
    gpus,
    linkCount,
  };
}
