import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema, IsoDateSchema } from './common.ts';
import { BlocSchema, JurisdictionCodeSchema } from './jurisdiction.ts';
import { GpuModelSchema, SiteStatusSchema } from './site.ts';

/*
 * The capacity ledger (issue 12): one vocabulary for every view and the API. Each figure is defined
 * ONCE here, in a sentence the console, the CSV and the API document all show. "Busy" (measured) and
 * "committed" (reserved) are different figures and never stand in for each other.
 */

/** The figures of the ledger, each defined once. The identity: installed = committed + free + out of service. */
export const CAPACITY_FIGURES = {
  installed: {
    word: 'installed',
    definition:
      'IT MW and GPUs of the sites that are built: operational, degraded, offline or under maintenance (counted, and marked as under maintenance). A planned or construction site is never installed.',
  },
  committed: {
    word: 'committed',
    definition: 'Reserved by placed, running and migrating workloads: the GPUs and IT kW the placement store holds for them. A reservation, not a measurement.',
  },
  inUse: {
    word: 'in use',
    definition:
      'Measured by telemetry now: IT power drawn (site_it_power_watts) and GPUs busy (site_gpus_busy). Busy is measured, committed is reserved; neither is shown as the other. Absent when a site sends no current data.',
  },
  outOfService: {
    word: 'out of service',
    definition:
      'Installed capacity no workload can be placed on now, beyond what is committed there: all of a site’s uncommitted GPUs and MW while it is not operational (degraded, offline or under maintenance — placement refuses it), otherwise the GPUs its telemetry reports unavailable (1 − site_availability_ratio, per model) and their kW.',
  },
  free: {
    word: 'free',
    definition: 'installed − committed − out of service: what placement could still reserve now. Negative only if the fleet shrank under its reservations.',
  },
  stranded: {
    word: 'stranded',
    definition:
      'Free GPUs no typical request can use: those the site’s free IT power cannot feed (kW per GPU of their model), and the fragment left after packing whole typical requests (see typicalRequest). For MW: free IT power no free GPU can draw. Stranded is part of free, not added to it.',
  },
  pipeline: {
    word: 'pipeline',
    definition: 'IT MW and GPUs of planned and construction sites, each with its commissioning date and stage (announced · under construction · energised). Never installed, never free.',
  },
} as const satisfies Record<string, { word: string; definition: string }>;
export type CapacityFigure = keyof typeof CAPACITY_FIGURES;

export const PIPELINE_STAGES = ['announced', 'under-construction', 'energised'] as const;
export const PipelineStageSchema = z.enum(PIPELINE_STAGES);
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** A construction site this close to its commissioning date (or past it) is energised. */
export const ENERGISED_WITHIN_DAYS = 90;

/** How a pipeline site's stage is read from the fleet (which records a status and a date, not a stage). */
export const PIPELINE_STAGE_DEFINITIONS: Record<PipelineStage, string> = {
  announced: 'A planned site: announced, with a commissioning date, not yet being built.',
  'under-construction': `A construction site more than ${ENERGISED_WITHIN_DAYS} days from its commissioning date.`,
  energised: `A construction site within ${ENERGISED_WITHIN_DAYS} days of its commissioning date, or past it and not yet declared operational: power is on, the halls are being commissioned.`,
};

/** Until there is a committed workload to learn from: one 8-GPU node (HGX / NVL class). */
export const DEFAULT_TYPICAL_REQUEST_GPUS = 8;
export const TYPICAL_REQUEST_DEFINITION = `The median GPU count of the committed workloads' requests (placed, running, migrating) of this control plane; ${DEFAULT_TYPICAL_REQUEST_GPUS} (one 8-GPU node) while none is committed.`;

export const LEDGER_GROUPS = ['site', 'country', 'bloc', 'network'] as const;
export const LedgerGroupBySchema = z.enum(LEDGER_GROUPS);
export type LedgerGroupBy = z.infer<typeof LedgerGroupBySchema>;

export const CapacityLedgerQuerySchema = z.strictObject({
  groupBy: LedgerGroupBySchema.default('site'),
});
export type CapacityLedgerQuery = z.infer<typeof CapacityLedgerQuerySchema>;

const count = z.number().int().min(0);
const signedCount = z.number().int();
const mw = z.number().min(0);

/** GPUs of one row (one model, or all models together). */
export const LedgerGpusSchema = z.object({
  installed: count.describe(CAPACITY_FIGURES.installed.definition),
  committed: count.describe(CAPACITY_FIGURES.committed.definition),
  outOfService: count.describe(CAPACITY_FIGURES.outOfService.definition),
  free: signedCount.describe(CAPACITY_FIGURES.free.definition),
  stranded: count.describe(CAPACITY_FIGURES.stranded.definition),
  pipeline: count.describe(CAPACITY_FIGURES.pipeline.definition),
});
export type LedgerGpus = z.infer<typeof LedgerGpusSchema>;
export const LedgerModelGpusSchema = LedgerGpusSchema.extend({ model: GpuModelSchema });
export type LedgerModelGpus = z.infer<typeof LedgerModelGpusSchema>;

/** IT power of one row, in MW (to the kW). */
export const LedgerMwSchema = z.object({
  installed: mw.describe(CAPACITY_FIGURES.installed.definition),
  committed: mw.describe(CAPACITY_FIGURES.committed.definition),
  outOfService: mw.describe(CAPACITY_FIGURES.outOfService.definition),
  free: z.number().describe(CAPACITY_FIGURES.free.definition),
  stranded: mw.describe(CAPACITY_FIGURES.stranded.definition),
  pipeline: mw.describe(CAPACITY_FIGURES.pipeline.definition),
});
export type LedgerMw = z.infer<typeof LedgerMwSchema>;

/** Measured now; a roll-up adds the sites that report and says how many did. */
export const LedgerInUseSchema = z
  .object({
    itMw: z.number().min(0).nullable(),
    gpusBusy: count.nullable(),
    /** Sites whose figures are in the sums above. */
    sitesReporting: count,
  })
  .describe(CAPACITY_FIGURES.inUse.definition);
export type LedgerInUse = z.infer<typeof LedgerInUseSchema>;

/** A pipeline site as a roll-up lists it: when, and at which stage. */
export const PipelineEntrySchema = z.object({
  siteId: IdSchema,
  name: text(),
  country: JurisdictionCodeSchema,
  stage: PipelineStageSchema,
  commissioningDate: IsoDateSchema.optional(),
  mw,
  gpus: count,
});
export type PipelineEntry = z.infer<typeof PipelineEntrySchema>;

/** What a site row says of the site itself. */
export const LedgerSiteSchema = z.object({
  id: IdSchema,
  name: text(),
  country: JurisdictionCodeSchema,
  /** From the fleet's jurisdictions; empty when the country is in none. */
  blocs: z.array(BlocSchema),
  /** Live status when telemetry or a maintenance window says one, else the fleet's. */
  status: SiteStatusSchema,
  underMaintenance: z.boolean(),
  stage: PipelineStageSchema.optional(),
  commissioningDate: IsoDateSchema.optional(),
});
export type LedgerSite = z.infer<typeof LedgerSiteSchema>;

export const CapacityLedgerRowSchema = z.object({
  /** Site id, country code, bloc (`EU`, `EEA`, `ECOWAS`, `none`), or `network`. */
  key: text(),
  /** Present on site rows. */
  site: LedgerSiteSchema.optional(),
  /** Installed sites in the row, how many of those are under maintenance, and pipeline sites. */
  sites: z.object({ installed: count, underMaintenance: count, pipeline: count }),
  mw: LedgerMwSchema,
  gpus: LedgerGpusSchema,
  /** By model, in the catalogue's order; models the row has none of are left out. */
  gpusByModel: z.array(LedgerModelGpusSchema),
  /** MW and GPUs installed at sites under maintenance (already inside `installed`): marked, not removed. */
  underMaintenance: z.object({ mw, gpus: count }),
  inUse: LedgerInUseSchema,
  pipelineSites: z.array(PipelineEntrySchema),
});
export type CapacityLedgerRow = z.infer<typeof CapacityLedgerRowSchema>;

export const LedgerAudienceSchema = z.enum(['fleet', 'tenant']);

export const CapacityLedgerSchema = z.object({
  groupBy: LedgerGroupBySchema,
  /** When the figures were read (the oldest control plane's, when several answer). */
  asOf: z.iso.datetime({ offset: true }),
  fleetVersion: text(),
  policyVersion: text(),
  /**
   * `fleet`: every figure. `tenant`: a tenant user sees the fleet's supply (installed, out of service,
   * free, stranded, pipeline — what any plan already tells it — and the measured in use, which the live
   * map shows every role) but `committed` counts ITS OWN workloads only: other tenants' reservations are
   * not shown, so for a tenant installed = committed + others' reservations + free + out of service.
   */
  audience: LedgerAudienceSchema,
  tenant: IdSchema.optional(),
  typicalRequest: z.object({ gpus: z.number().int().min(1), definition: text() }),
  rows: z.array(CapacityLedgerRowSchema),
});
export type CapacityLedger = z.infer<typeof CapacityLedgerSchema>;
