import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema, IsoDateSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';
import { GpuModelSchema } from './site.ts';
import { DataClassSchema, MarginSchema, ReasonCodeSchema, SectorSchema, WorkloadKindSchema } from './placement.ts';
import { LedgerAudienceSchema, PipelineStageSchema } from './capacity-ledger.ts';

/*
 * Sovereign headroom, N-1 and forecast (issue 12): capacity read through the law. Every figure is the
 * placement engine's own answer for a regulated demand class (its jurisdiction, operator-control and
 * certification checks, then the ledger's free), never a hand-made list of sites.
 */

/** The figures of sovereign headroom, each defined once (the API document and the console show them). */
export const SOVEREIGN_FIGURES = {
  demandClass:
    'A regulated demand class: one rule of the policy pack, with the request shape (sector, data class, data origin, no condition affirmed) that makes it apply — chosen so that as few other rules as possible apply with it. Every rule that applies to that shape is checked, as a plan does.',
  lawful: 'Installed GPUs and IT MW of the sites the placement engine accepts for the class on policy alone (jurisdiction, operator control, certifications), whatever their status or load.',
  committed:
    'GPUs and IT MW reserved by the placed, running and migrating workloads the class’s rule applies to (a workload counts in every class whose rule applies to it, so classes do not add up).',
  free: 'Lawful ∩ free: on each lawful site, the ledger’s free GPUs of each model (installed − committed − out of service), no more than the site’s free IT power can feed — GPUs a plan for the class would offer now. MW: the ledger’s free MW of the lawful sites.',
  pipeline: 'GPUs and IT MW of lawful planned and construction sites, by the calendar quarter (UTC) of their commissioning date. Never free.',
} as const satisfies Record<string, string>;

/** The request shape of a class: what the placement form is pre-filled with (with the GPUs asked). */
export const DemandShapeSchema = z.object({
  sector: SectorSchema,
  dataClass: DataClassSchema,
  dataOrigin: JurisdictionCodeSchema,
  /** Always empty: headroom is what is lawful without affirming any condition (consent, SCCs, licences…). */
  conditions: z.array(IdSchema),
});
export type DemandShape = z.infer<typeof DemandShapeSchema>;

export const DemandClassSchema = z.object({
  /** The rule's id: a stable key for the class. */
  id: text(),
  /** The rule's title, from the pack (English, the pack's words). */
  title: text(),
  shape: DemandShapeSchema,
  /** Every rule that applies to the shape, the class's own first (a plan checks them all). */
  ruleIds: z.array(text()).min(1),
});
export type DemandClass = z.infer<typeof DemandClassSchema>;

const count = z.number().int().min(0);
const mw = z.number().min(0);

export const HeadroomModelSchema = z.object({ model: GpuModelSchema, lawful: count, committed: count, free: count, pipeline: count });
export type HeadroomModel = z.infer<typeof HeadroomModelSchema>;

/** Lawful pipeline of one quarter. */
export const HeadroomPipelineQuarterSchema = z.object({
  /** `2027-Q2`; `undated` for pipeline sites without a commissioning date. */
  quarter: text(),
  mw,
  gpus: count,
  sites: z.array(z.object({ siteId: IdSchema, name: text(), country: JurisdictionCodeSchema, stage: PipelineStageSchema, commissioningDate: IsoDateSchema.optional(), mw, gpus: count })),
});
export type HeadroomPipelineQuarter = z.infer<typeof HeadroomPipelineQuarterSchema>;

/** The question asked of every class (GET …/headroom?gpus=&model=). */
export const HEADROOM_DEFAULT_GPUS = 2000;
export const HeadroomQuerySchema = z.strictObject({
  gpus: z.coerce.number().int().min(1).max(1_000_000).default(HEADROOM_DEFAULT_GPUS),
  /** Any model when absent. */
  model: GpuModelSchema.optional(),
});
export type HeadroomQuery = z.infer<typeof HeadroomQuerySchema>;

/**
 * "Can we serve N GPUs (of this model) of this class today, and where?" — data the console words:
 * yes → "2,000 H100 for <class> today: yes, at X, Y (N free)"; no → "no: N lawful and free".
 */
export const HeadroomAnswerSchema = z.object({
  gpus: z.number().int().min(1),
  model: GpuModelSchema.optional(),
  /** Lawful and free GPUs (of the model asked, or of any model) now. */
  lawfulFree: count,
  yes: z.boolean(),
  /** The sites that would serve it, largest free pool first, each with what it would take (several workloads when more than one). Empty when no. */
  at: z.array(z.object({ siteId: IdSchema, name: text(), country: JurisdictionCodeSchema, model: GpuModelSchema, gpus: count })),
  /** Sites that could take it whole as ONE workload (one site, one model). */
  oneSite: z.array(IdSchema),
  /** The placement view's form pre-filled (name and tenant left to the person). */
  prefill: DemandShapeSchema.extend({
    kind: WorkloadKindSchema,
    gpus: z.object({ count: z.number().int().min(1), model: GpuModelSchema.optional() }),
  }),
});
export type HeadroomAnswer = z.infer<typeof HeadroomAnswerSchema>;

export const ClassHeadroomSchema = z.object({
  class: DemandClassSchema,
  /** Sites lawful for the class on policy alone (installed and pipeline). */
  lawfulSites: z.object({ installed: count, pipeline: count }),
  gpus: z.object({ lawful: count, committed: count, free: count, pipeline: count }),
  gpusByModel: z.array(HeadroomModelSchema),
  mw: z.object({ lawful: mw, committed: mw, free: mw, pipeline: mw }),
  /** Workloads of the class holding capacity now. */
  workloads: count,
  pipelineByQuarter: z.array(HeadroomPipelineQuarterSchema),
  answer: HeadroomAnswerSchema,
});
export type ClassHeadroom = z.infer<typeof ClassHeadroomSchema>;

export const SovereignAudienceSchema = LedgerAudienceSchema;

/** Common to the three answers. `tenant`: only the classes of the tenant's own active workloads, committed its own only. */
const Header = {
  asOf: z.iso.datetime({ offset: true }),
  fleetVersion: text(),
  policyVersion: text(),
  audience: SovereignAudienceSchema,
  tenant: IdSchema.optional(),
};

export const SovereignHeadroomSchema = z.object({
  ...Header,
  definitions: z.object({ demandClass: text(), lawful: text(), committed: text(), free: text(), pipeline: text() }),
  classes: z.array(ClassHeadroomSchema),
  /** The N-1 picker's default: the largest installed site by IT MW (then GPUs, then id); absent when none is installed. */
  largestSiteId: IdSchema.optional(),
});
export type SovereignHeadroom = z.infer<typeof SovereignHeadroomSchema>;

// ─── N-1: the loss of one site ─────────────────────────────────────────────────────────────────────

export const SiteLossRequestSchema = z.strictObject({ siteId: IdSchema });
export type SiteLossRequest = z.infer<typeof SiteLossRequestSchema>;

/** Why a workload would be stranded: each reason code the engine gave, at how many sites, under which rules. */
export const StrandedReasonSchema = z.object({ code: ReasonCodeSchema, sites: count, ruleIds: z.array(text()) });

export const SiteLossWorkloadSchema = z.object({
  workloadId: text(),
  name: text(),
  tenant: IdSchema,
  /** The demand classes whose rule applies to it. */
  classIds: z.array(text()),
  gpuModel: GpuModelSchema.optional(),
  gpuCount: z.number().int().min(1),
  outcome: z.enum(['re-placed', 'stranded']),
  /** Where it would go (the best lawful site with room once the moves before it are counted). */
  to: z.object({ siteId: IdSchema, name: text(), country: JurisdictionCodeSchema, gpuModel: GpuModelSchema }).optional(),
  /** Other sites that would lawfully take it. */
  alternatives: count,
  /** Stranded: every reason code, most telling first (policy, then status, then capacity), with how many sites gave it. */
  reasons: z.array(StrandedReasonSchema),
  /** Stranded: sites lawful on policy alone (all were full, down or too far): 0 means the lost site was its only lawful home. */
  lawfulSitesLeft: count,
  /** Stranded with a lawful site left: the one closest to taking it (fewest reasons, then most room), and why it cannot, with margins. */
  closestLawful: z.object({ siteId: IdSchema, name: text(), reasons: z.array(z.object({ code: ReasonCodeSchema, margin: MarginSchema.optional() })) }).optional(),
});
export type SiteLossWorkload = z.infer<typeof SiteLossWorkloadSchema>;

export const SiteLossHeadroomSchema = z.object({
  classId: text(),
  title: text(),
  before: z.object({ gpus: count, mw }),
  after: z.object({ gpus: count, mw }),
});

export const SiteLossSchema = z.object({
  ...Header,
  /** Always true: a what-if read. Nothing is reserved, moved or audited. */
  dryRun: z.literal(true),
  site: z.object({ id: IdSchema, name: text(), country: JurisdictionCodeSchema, mw, gpus: count, committedGpus: count }),
  /** Default pick for the console: the largest installed site by IT MW (then GPUs). */
  largestSiteId: IdSchema,
  summary: z.object({ workloads: count, rePlaced: count, stranded: count, gpusRePlaced: count, gpusStranded: count }),
  workloads: z.array(SiteLossWorkloadSchema),
  /** Lawful and free per class, now and after the loss and the re-placements. */
  headroom: z.array(SiteLossHeadroomSchema),
});
export type SiteLoss = z.infer<typeof SiteLossSchema>;

// ─── Forecast ──────────────────────────────────────────────────────────────────────────────────────

export const FORECAST_QUARTERS = 8;
export const FORECAST_DEFAULT_WEEKS = 12;
export const ForecastQuerySchema = z.strictObject({
  weeks: z.coerce.number().int().min(2).max(104).default(FORECAST_DEFAULT_WEEKS),
});
export type ForecastQuery = z.infer<typeof ForecastQuerySchema>;

export const ForecastQuarterSchema = z.object({
  /** `2027-Q2` */
  quarter: text(),
  /** Last day of the quarter (UTC). */
  ends: IsoDateSchema,
  /** Projected committed GPUs at the quarter's end (never below 0). */
  demandGpus: count,
  /** Lawful GPUs installed now plus lawful pipeline commissioned by the quarter's end. */
  supplyGpus: count,
  supplyMw: mw,
  /** True on the first quarter where projected demand exceeds lawful supply, and only there. */
  crossing: z.boolean(),
});

export const ClassForecastSchema = z.object({
  class: DemandClassSchema,
  /** Committed GPUs at the end of each past week, oldest first (`weekEnds` is the week's last day, UTC). */
  history: z.array(z.object({ weekEnds: IsoDateSchema, committedGpus: count })),
  /** The fitted line: committed GPUs = intercept + slope × weeks from the last week's end. */
  trend: z.object({ slopeGpusPerWeek: z.number(), intercept: z.number() }),
  quarters: z.array(ForecastQuarterSchema),
  /** The first crossing quarter, or null when demand stays within lawful supply over the horizon. */
  crossesIn: text().nullable(),
});
export type ClassForecast = z.infer<typeof ClassForecastSchema>;

export const CapacityForecastSchema = z.object({
  ...Header,
  method: z.object({
    kind: z.literal('linear-least-squares'),
    weeks: z.number().int().min(2),
    quarters: z.number().int().min(1),
    /** e.g. "linear trend (least squares) over the last 12 weeks of commits, projected to each quarter's end". */
    description: text(),
  }),
  classes: z.array(ClassForecastSchema),
});
export type CapacityForecast = z.infer<typeof CapacityForecastSchema>;
