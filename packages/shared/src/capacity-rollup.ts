import { GPU_MODELS, type GpuModel } from './schemas/site.ts';
import type { CapacityLedgerRow, LedgerGpus, LedgerGroupBy, LedgerModelGpus, LedgerMw } from './schemas/capacity-ledger.ts';
import type { EnergyFigures, EnergyRow } from './schemas/capacity-energy.ts';

/*
 * Roll-ups of the capacity ledger and of energy: site rows → country, bloc or network. The same code
 * runs in a control plane (its own sites) and in the BFF (the site rows of every control plane merged),
 * so a federated answer adds up exactly like a single one.
 */

/** MW to the kW: sums of rounded figures are rounded again so that float noise never shows. */
export const roundMw = (n: number) => Math.round(n * 1000) / 1000;

/** The row keys a site falls under: a bloc roll-up puts a site in each of its blocs (EU and EEA overlap), or in `none`. */
export function groupKeys(site: { id: string; country: string; blocs: readonly string[] }, groupBy: LedgerGroupBy): string[] {
  if (groupBy === 'site') return [site.id];
  if (groupBy === 'country') return [site.country];
  if (groupBy === 'bloc') return site.blocs.length > 0 ? [...site.blocs] : ['none'];
  return ['network'];
}

const GPU_KEYS = ['installed', 'committed', 'outOfService', 'free', 'stranded', 'pipeline'] as const satisfies readonly (keyof LedgerGpus)[];
const MW_KEYS = GPU_KEYS satisfies readonly (keyof LedgerMw)[];

export const emptyGpus = (): LedgerGpus => ({ installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 });
const emptyMw = (): LedgerMw => ({ installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 });

function emptyRow(key: string): CapacityLedgerRow {
  return {
    key,
    sites: { installed: 0, underMaintenance: 0, pipeline: 0 },
    mw: emptyMw(),
    gpus: emptyGpus(),
    gpusByModel: [],
    underMaintenance: { mw: 0, gpus: 0 },
    inUse: { itMw: null, gpusBusy: null, sitesReporting: 0 },
    pipelineSites: [],
  };
}

function addInto(total: CapacityLedgerRow, row: CapacityLedgerRow, byModel: Map<GpuModel, LedgerModelGpus>): void {
  total.sites.installed += row.sites.installed;
  total.sites.underMaintenance += row.sites.underMaintenance;
  total.sites.pipeline += row.sites.pipeline;
  for (const k of MW_KEYS) total.mw[k] = roundMw(total.mw[k] + row.mw[k]);
  for (const k of GPU_KEYS) total.gpus[k] += row.gpus[k];
  for (const m of row.gpusByModel) {
    const into = byModel.get(m.model) ?? byModel.set(m.model, { model: m.model, ...emptyGpus() }).get(m.model)!;
    for (const k of GPU_KEYS) into[k] += m[k];
  }
  total.underMaintenance.mw = roundMw(total.underMaintenance.mw + row.underMaintenance.mw);
  total.underMaintenance.gpus += row.underMaintenance.gpus;
  if (row.inUse.itMw !== null) total.inUse.itMw = roundMw((total.inUse.itMw ?? 0) + row.inUse.itMw);
  if (row.inUse.gpusBusy !== null) total.inUse.gpusBusy = (total.inUse.gpusBusy ?? 0) + row.inUse.gpusBusy;
  total.inUse.sitesReporting += row.inUse.sitesReporting;
  total.pipelineSites.push(...row.pipelineSites);
}

/** Site rows rolled up by `groupBy` (site rows answer as they are); roll-ups sorted by key, pipeline by commissioning date. */
export function rollUpLedger(siteRows: readonly CapacityLedgerRow[], groupBy: LedgerGroupBy): CapacityLedgerRow[] {
  if (groupBy === 'site') return [...siteRows];
  const totals = new Map<string, { row: CapacityLedgerRow; byModel: Map<GpuModel, LedgerModelGpus> }>();
  for (const row of siteRows) {
    if (!row.site) continue;
    for (const key of groupKeys(row.site, groupBy)) {
      const total = totals.get(key) ?? totals.set(key, { row: emptyRow(key), byModel: new Map() }).get(key)!;
      addInto(total.row, row, total.byModel);
    }
  }
  return [...totals.values()]
    .map(({ row, byModel }) => ({
      ...row,
      gpusByModel: GPU_MODELS.flatMap((m) => (byModel.has(m) ? [byModel.get(m)!] : [])),
      pipelineSites: row.pipelineSites.sort((a, b) => (a.commissioningDate ?? '9999').localeCompare(b.commissioningDate ?? '9999') || a.siteId.localeCompare(b.siteId)),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const ENERGY_SUMS = ['facilityMwh', 'itMwh', 'onSiteSolarMwh', 'gridMwh', 'renewableMwh', 'tco2e'] as const satisfies readonly (keyof EnergyFigures)[];

/** PUE and renewable share from the sums, energy-weighted by construction. */
export function energyRatios(f: Pick<EnergyFigures, 'facilityMwh' | 'itMwh' | 'renewableMwh'>): Pick<EnergyFigures, 'pue' | 'renewableShare'> {
  return {
    pue: f.itMwh > 0 ? Math.round((f.facilityMwh / f.itMwh) * 1000) / 1000 : null,
    renewableShare: f.facilityMwh > 0 ? Math.min(1, Math.round((f.renewableMwh / f.facilityMwh) * 10_000) / 10_000) : null,
  };
}

/** Energy site rows rolled up by `groupBy`: sums, then the ratios of the sums (never a mean of ratios). */
export function rollUpEnergy(siteRows: readonly EnergyRow[], groupBy: LedgerGroupBy): EnergyRow[] {
  if (groupBy === 'site') return [...siteRows];
  const totals = new Map<string, EnergyRow>();
  for (const row of siteRows) {
    if (!row.site) continue;
    for (const key of groupKeys(row.site, groupBy)) {
      const total =
        totals.get(key) ??
        totals.set(key, { key, sites: 0, facilityMwh: 0, itMwh: 0, pue: null, onSiteSolarMwh: 0, gridMwh: 0, renewableMwh: 0, renewableShare: null, tco2e: 0, hoursWithData: 0 }).get(key)!;
      total.sites += row.sites;
      total.hoursWithData += row.hoursWithData;
      for (const k of ENERGY_SUMS) total[k] = roundMw(total[k] + row[k]);
    }
  }
  return [...totals.values()].map((row) => ({ ...row, ...energyRatios(row) })).sort((a, b) => a.key.localeCompare(b.key));
}
