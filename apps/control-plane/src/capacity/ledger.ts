import { ENERGISED_WITHIN_DAYS, GPU_MODELS, roundMw, type Bloc, type CapacityLedgerRow, type GpuModel, type LedgerModelGpus, type PipelineStage, type Site } from '@corridor/shared';
import type { SiteUsage } from '../placement/plan-input.ts';

/*
 * The ledger's arithmetic, pure: one row per site from the fleet, the reservations, the live status and
 * the measurements. Every figure is the one CAPACITY_FIGURES (packages/shared) defines; the identity
 * installed = committed + free + out of service holds per model and per site by construction.
 */

/** What telemetry says of a site now (each absent when the site sends no current value). */
export interface SiteMeasures {
  itPowerW?: number;
  gpusBusy?: number;
  /** Share of the site's GPUs in service, 0–1. */
  availability?: number;
}

export interface LedgerInput {
  sites: readonly Site[];
  blocsOf: ReadonlyMap<string, readonly Bloc[]>;
  /** Every reservation, per site: what free and out of service are computed from. */
  usage: ReadonlyMap<string, SiteUsage>;
  /** For a tenant: its own reservations, shown as committed (free stays the fleet's). */
  ownUsage?: ReadonlyMap<string, SiteUsage>;
  /** Live status per site when it differs from the fleet's. */
  liveStatus: (siteId: string) => Site['status'] | undefined;
  /** Telemetry now (the live map's figures, which every role reads). */
  measures: (siteId: string) => SiteMeasures;
  typicalGpus: number;
  now: Date;
}

const PIPELINE_STATUSES: ReadonlySet<Site['status']> = new Set(['planned', 'construction']);
const DAY_MS = 86_400_000;

/** The stage a pipeline site is at, read from its status and commissioning date (PIPELINE_STAGE_DEFINITIONS). */
export function pipelineStage(site: Pick<Site, 'status' | 'commissioningDate'>, now: Date): PipelineStage {
  if (site.status === 'planned') return 'announced';
  if (!site.commissioningDate) return 'under-construction';
  const due = Date.parse(`${site.commissioningDate}T00:00:00Z`);
  return due - now.getTime() <= ENERGISED_WITHIN_DAYS * DAY_MS ? 'energised' : 'under-construction';
}

/** GPUs installed per model and their kW each (count-weighted over the model's clusters). */
function modelsOf(site: Site): Map<GpuModel, { count: number; kwEach: number }> {
  const models = new Map<GpuModel, { count: number; kw: number }>();
  for (const c of site.clusters) {
    const m = models.get(c.gpuModel) ?? models.set(c.gpuModel, { count: 0, kw: 0 }).get(c.gpuModel)!;
    m.count += c.gpuCount;
    m.kw += c.gpuCount * c.kwPerGpu;
  }
  return new Map([...models].map(([model, m]) => [model, { count: m.count, kwEach: m.count > 0 ? m.kw / m.count : 0 }]));
}

const zeroGpus = (model: GpuModel): LedgerModelGpus => ({ model, installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 });

/** One site's row of the ledger. */
export function siteLedgerRow(site: Site, input: LedgerInput): CapacityLedgerRow {
  const blocs = [...(input.blocsOf.get(site.country) ?? [])];
  const status = input.liveStatus(site.id) ?? site.status;
  const usage = input.usage.get(site.id);
  const shown = input.ownUsage ? input.ownUsage.get(site.id) : usage;
  const models = modelsOf(site);
  const pipeline = PIPELINE_STATUSES.has(site.status);
  const stage = pipeline ? pipelineStage(site, input.now) : undefined;
  const operational = status === 'operational';
  const measures = input.measures(site.id);
  const reservedModels = Object.keys(usage?.gpus ?? {}) as GpuModel[];

  const byModel: LedgerModelGpus[] = [];
  let freeGpuKw = 0;
  const freeByModel: { row: LedgerModelGpus; kwEach: number }[] = [];
  for (const model of GPU_MODELS) {
    const installedHere = models.get(model);
    if (!installedHere && !reservedModels.includes(model)) continue;
    const row = zeroGpus(model);
    const count = installedHere?.count ?? 0;
    const committed = usage?.gpus[model] ?? 0;
    row.committed = shown?.gpus[model] ?? 0;
    if (pipeline) {
      row.pipeline = count;
      row.free = 0 - committed;
    } else {
      row.installed = count;
      const unavailable = operational ? Math.round((1 - Math.min(1, Math.max(0, measures.availability ?? 1))) * count) : count;
      row.outOfService = Math.min(Math.max(0, count - committed), unavailable);
      row.free = count - committed - row.outOfService;
      freeByModel.push({ row, kwEach: installedHere?.kwEach ?? 0 });
      freeGpuKw += Math.max(0, row.free) * (installedHere?.kwEach ?? 0);
    }
    byModel.push(row);
  }

  const installedKw = pipeline ? 0 : site.itCapacityMw * 1000;
  const committedKw = usage?.powerKw ?? 0;
  const uncommittedKw = Math.max(0, installedKw - committedKw);
  const oosGpuKw = freeByModel.reduce((kw, { row, kwEach }) => kw + row.outOfService * kwEach, 0);
  const outOfServiceKw = pipeline ? 0 : operational ? Math.min(uncommittedKw, oosGpuKw) : uncommittedKw;
  const freeKw = installedKw - committedKw - outOfServiceKw;

  // Stranded GPUs: those the free power cannot feed, then the fragment short of a typical request.
  for (const { row, kwEach } of freeByModel) {
    const free = Math.max(0, row.free);
    const powerable = kwEach > 0 ? Math.floor(Math.max(0, freeKw) / kwEach + 1e-9) : free;
    const usable = Math.min(free, powerable);
    row.stranded = free - usable + (usable % input.typicalGpus);
  }

  const sum = (key: keyof Omit<LedgerModelGpus, 'model'>) => byModel.reduce((n, m) => n + m[key], 0);
  const installedGpus = sum('installed');
  const maintenance = status === 'maintenance' && !pipeline;
  const reports = measures.itPowerW !== undefined || measures.gpusBusy !== undefined;
  return {
    key: site.id,
    site: {
      id: site.id,
      name: site.name,
      country: site.country,
      blocs,
      status,
      underMaintenance: maintenance,
      ...(stage ? { stage } : {}),
      ...(site.commissioningDate ? { commissioningDate: site.commissioningDate } : {}),
    },
    sites: { installed: pipeline ? 0 : 1, underMaintenance: maintenance ? 1 : 0, pipeline: pipeline ? 1 : 0 },
    mw: {
      installed: roundMw(installedKw / 1000),
      committed: roundMw((input.ownUsage ? (shown?.powerKw ?? 0) : committedKw) / 1000),
      outOfService: roundMw(outOfServiceKw / 1000),
      free: roundMw(freeKw / 1000),
      stranded: roundMw(Math.max(0, freeKw - freeGpuKw) / 1000),
      pipeline: pipeline ? roundMw(site.itCapacityMw) : 0,
    },
    gpus: {
      installed: installedGpus,
      committed: sum('committed'),
      outOfService: sum('outOfService'),
      free: sum('free'),
      stranded: sum('stranded'),
      pipeline: sum('pipeline'),
    },
    gpusByModel: byModel,
    underMaintenance: maintenance ? { mw: roundMw(site.itCapacityMw), gpus: installedGpus } : { mw: 0, gpus: 0 },
    inUse: reports
      ? {
          itMw: measures.itPowerW !== undefined ? roundMw(measures.itPowerW / 1e6) : null,
          gpusBusy: measures.gpusBusy !== undefined ? Math.round(measures.gpusBusy) : null,
          sitesReporting: 1,
        }
      : { itMw: null, gpusBusy: null, sitesReporting: 0 },
    pipelineSites: pipeline
      ? [
          {
            siteId: site.id,
            name: site.name,
            country: site.country,
            stage: stage!,
            ...(site.commissioningDate ? { commissioningDate: site.commissioningDate } : {}),
            mw: roundMw(site.itCapacityMw),
            gpus: sum('pipeline'),
          },
        ]
      : [],
  };
}

/** Every site's row, in the fleet's order. */
export function ledgerRows(input: LedgerInput): CapacityLedgerRow[] {
  return input.sites.map((site) => siteLedgerRow(site, input));
}
