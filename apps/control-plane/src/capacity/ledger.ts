import { ENERGISED_WITHIN_DAYS, GPU_MODELS, roundMw, type Bloc, type CapacityLedgerRow, type GpuModel, type LedgerModelGpus, type LedgerSite, type PipelineStage, type Site } from '@corridor/shared';
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

/** Planned or under construction: counted in the pipeline, never installed or free. */
export const isPipeline = (site: Pick<Site, 'status'>): boolean => PIPELINE_STATUSES.has(site.status);

/** The stage a pipeline site is at, read from its status and commissioning date (PIPELINE_STAGE_DEFINITIONS). */
export function pipelineStage(site: Pick<Site, 'status' | 'commissioningDate'>, now: Date): PipelineStage {
  if (site.status === 'planned') return 'announced';
  if (!site.commissioningDate) return 'under-construction';
  const due = Date.parse(`${site.commissioningDate}T00:00:00Z`);
  return due - now.getTime() <= ENERGISED_WITHIN_DAYS * DAY_MS ? 'energised' : 'under-construction';
}

const MODEL_INDEX = new Map<GpuModel, number>(GPU_MODELS.map((m, i) => [m, i]));

/** GPUs installed per model (by catalogue index) and their kW each, count-weighted over the model's clusters. */
interface SiteModels {
  count: Float64Array;
  kwEach: Float64Array;
}

/** Per Site object: a fleet view holds the same objects until its version changes, so this is once per version. */
const modelsBySite = new WeakMap<Site, SiteModels>();

function modelsOf(site: Site): SiteModels {
  const held = modelsBySite.get(site);
  if (held) return held;
  const count = new Float64Array(GPU_MODELS.length);
  const kwEach = new Float64Array(GPU_MODELS.length);
  for (const c of site.clusters) {
    const i = MODEL_INDEX.get(c.gpuModel)!;
    count[i]! += c.gpuCount;
    kwEach[i]! += c.gpuCount * c.kwPerGpu;
  }
  for (let i = 0; i < count.length; i++) kwEach[i] = count[i]! > 0 ? kwEach[i]! / count[i]! : 0;
  const models = { count, kwEach };
  modelsBySite.set(site, models);
  return models;
}

const zeroGpus = (model: GpuModel): LedgerModelGpus => ({ model, installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 });

/** One site's row of the ledger. */
export function siteLedgerRow(site: Site, input: LedgerInput): CapacityLedgerRow {
  const blocs = [...(input.blocsOf.get(site.country) ?? [])];
  const status = input.liveStatus(site.id) ?? site.status;
  const usage = input.usage.get(site.id);
  const shown = input.ownUsage ? input.ownUsage.get(site.id) : usage;
  const models = modelsOf(site);
  const pipeline = isPipeline(site);
  const stage = pipeline ? pipelineStage(site, input.now) : undefined;
  const operational = status === 'operational';
  const measures = input.measures(site.id);

  const byModel: LedgerModelGpus[] = [];
  const kwOf: number[] = [];
  const totals = { installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 0 };
  let freeGpuKw = 0;
  let oosGpuKw = 0;
  const availability = Math.min(1, Math.max(0, measures.availability ?? 1));
  for (let i = 0; i < GPU_MODELS.length; i++) {
    const model = GPU_MODELS[i]!;
    const count = models.count[i]!;
    const reserved = usage?.gpus[model];
    if (count === 0 && reserved === undefined) continue;
    const row = zeroGpus(model);
    const committed = reserved ?? 0;
    const kwEach = models.kwEach[i]!;
    row.committed = shown?.gpus[model] ?? 0;
    if (pipeline) {
      row.pipeline = count;
      row.free = 0 - committed;
    } else {
      row.installed = count;
      const unavailable = operational ? Math.round((1 - availability) * count) : count;
      row.outOfService = Math.min(Math.max(0, count - committed), unavailable);
      row.free = count - committed - row.outOfService;
      freeGpuKw += Math.max(0, row.free) * kwEach;
      oosGpuKw += row.outOfService * kwEach;
    }
    byModel.push(row);
    kwOf.push(kwEach);
  }

  const installedKw = pipeline ? 0 : site.itCapacityMw * 1000;
  const committedKw = usage?.powerKw ?? 0;
  const uncommittedKw = Math.max(0, installedKw - committedKw);
  const outOfServiceKw = pipeline ? 0 : operational ? Math.min(uncommittedKw, oosGpuKw) : uncommittedKw;
  const freeKw = installedKw - committedKw - outOfServiceKw;

  // Stranded GPUs: those the free power cannot feed, then the fragment short of a typical request.
  for (let j = 0; j < byModel.length; j++) {
    const row = byModel[j]!;
    if (!pipeline) {
      const free = Math.max(0, row.free);
      const kwEach = kwOf[j]!;
      const powerable = kwEach > 0 ? Math.floor(Math.max(0, freeKw) / kwEach + 1e-9) : free;
      const usable = Math.min(free, powerable);
      row.stranded = free - usable + (usable % input.typicalGpus);
    }
    totals.installed += row.installed;
    totals.committed += row.committed;
    totals.outOfService += row.outOfService;
    totals.free += row.free;
    totals.stranded += row.stranded;
    totals.pipeline += row.pipeline;
  }
  const installedGpus = totals.installed;
  const maintenance = status === 'maintenance' && !pipeline;
  const reports = measures.itPowerW !== undefined || measures.gpusBusy !== undefined;
  // Built by assignment, not by spreading optional parts: a spread per site is most of the row's cost at 10,000 sites.
  const about: LedgerSite = { id: site.id, name: site.name, country: site.country, blocs, status, underMaintenance: maintenance };
  if (stage) about.stage = stage;
  if (site.commissioningDate) about.commissioningDate = site.commissioningDate;
  return {
    key: site.id,
    site: about,
    sites: { installed: pipeline ? 0 : 1, underMaintenance: maintenance ? 1 : 0, pipeline: pipeline ? 1 : 0 },
    mw: {
      installed: roundMw(installedKw / 1000),
      committed: roundMw((input.ownUsage ? (shown?.powerKw ?? 0) : committedKw) / 1000),
      outOfService: roundMw(outOfServiceKw / 1000),
      free: roundMw(freeKw / 1000),
      stranded: roundMw(Math.max(0, freeKw - freeGpuKw) / 1000),
      pipeline: pipeline ? roundMw(site.itCapacityMw) : 0,
    },
    gpus: totals,
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
            ...(about.commissioningDate ? { commissioningDate: about.commissioningDate } : {}),
            mw: roundMw(site.itCapacityMw),
            gpus: totals.pipeline,
          },
        ]
      : [],
  };
}

/** Every site's row, in the fleet's order. */
export function ledgerRows(input: LedgerInput): CapacityLedgerRow[] {
  return input.sites.map((site) => siteLedgerRow(site, input));
}
