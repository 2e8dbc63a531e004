import type { CapacityLedger, CapacityLedgerRow, SiteRow } from '@corridor/shared';

/** The grouped ledgers the capacity view reads, here built in the browser. */
export interface LedgerSet {
  country: CapacityLedger;
  site: CapacityLedger;
  network: CapacityLedger;
}

const BUILT = new Set(['operational', 'degraded', 'offline', 'maintenance']);

function siteRow(site: SiteRow): CapacityLedgerRow {
  const built = BUILT.has(site.status);
  const mw = site.itCapacityMw;
  const gpus = site.gpuCount;
  const down = site.status !== 'operational';
  return {
    key: site.id,
    site: {
      id: site.id,
      name: site.name,
      country: site.country,
      blocs: [],
      status: site.status,
      underMaintenance: site.status === 'maintenance',
      ...(built ? {} : { stage: site.status === 'planned' ? ('announced' as const) : ('under-construction' as const) }),
    },
    sites: { installed: built ? 1 : 0, underMaintenance: site.status === 'maintenance' ? 1 : 0, pipeline: built ? 0 : 1 },
    mw: { installed: built ? mw : 0, committed: 0, outOfService: built && down ? mw : 0, free: built && !down ? mw : 0, stranded: 0, pipeline: built ? 0 : mw },
    gpus: { installed: built ? gpus : 0, committed: 0, outOfService: built && down ? gpus : 0, free: built && !down ? gpus : 0, stranded: 0, pipeline: built ? 0 : gpus },
    gpusByModel: [],
    underMaintenance: site.status === 'maintenance' ? { mw, gpus } : { mw: 0, gpus: 0 },
    inUse: { itMw: null, gpusBusy: null, sitesReporting: 0 },
    pipelineSites: built ? [] : [{ siteId: site.id, name: site.name, country: site.country, stage: site.status === 'planned' ? 'announced' : 'under-construction', mw, gpus }],
  };
}

function add(into: CapacityLedgerRow, row: CapacityLedgerRow): void {
  for (const k of ['installed', 'committed', 'outOfService', 'free', 'stranded', 'pipeline'] as const) {
    into.mw[k] += row.mw[k];
    into.gpus[k] += row.gpus[k];
  }
  into.sites.installed += row.sites.installed;
  into.sites.underMaintenance += row.sites.underMaintenance;
  into.sites.pipeline += row.sites.pipeline;
  into.underMaintenance.mw += row.underMaintenance.mw;
  into.underMaintenance.gpus += row.underMaintenance.gpus;
  if (into.pipelineSites.length < 20) into.pipelineSites.push(...row.pipelineSites.slice(0, 20 - into.pipelineSites.length));
}

const emptyRow = (key: string): CapacityLedgerRow => ({
  key,
  sites: { installed: 0, underMaintenance: 0, pipeline: 0 },
  mw: { installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 },
  gpus: { installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 },
  gpusByModel: [],
  underMaintenance: { mw: 0, gpus: 0 },
  inUse: { itMw: null, gpusBusy: null, sitesReporting: 0 },
  pipelineSites: [],
});

/**
 * A ledger of a synthetic fleet (?synthetic=N, for trying the view at scale without a server): the sites'
 * nameplates as installed or pipeline, nothing committed (a synthetic fleet has no workloads).
 */
export function syntheticLedgers(sites: readonly SiteRow[], asOf: string): LedgerSet {
  const header = { asOf, fleetVersion: 'synthetic', policyVersion: 'synthetic', audience: 'fleet' as const, typicalRequest: { gpus: 8, definition: 'synthetic' } };
  const rows = sites.map(siteRow);
  const countries = new Map<string, CapacityLedgerRow>();
  const network = emptyRow('network');
  for (const row of rows) {
    const country = row.site!.country;
    let c = countries.get(country);
    if (!c) countries.set(country, (c = emptyRow(country)));
    add(c, row);
    add(network, row);
  }
  return {
    site: { ...header, groupBy: 'site', rows },
    country: { ...header, groupBy: 'country', rows: [...countries.values()] },
    network: { ...header, groupBy: 'network', rows: [network] },
  };
}
