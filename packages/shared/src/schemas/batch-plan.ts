import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';
import { GpuModelSchema } from './site.ts';
import { PlacementWeightsSchema, ReasonCodeSchema, WorkloadRequestSchema } from './placement.ts';

/**
 * The batch what-if (issue 15): a list of workload requests planned one after the other, each taking
 * its GPUs and power before the next is planned, from the fleet's real committed figures. A dry run:
 * nothing is reserved, stored or audited per workload.
 */

/** Most workloads one batch may hold: 1,000 answer well under 2 s on the real fleet. */
export const BATCH_PLAN_MAX_WORKLOADS = 1000;
/** Longest caller's reference for a row (a ticket, a line of a spreadsheet). */
export const BATCH_PLAN_REF_MAX = 80;

/**
 * One row of a batch: a workload request and the caller's own reference for it. Strict, unlike a
 * single plan's body: in a list of hundreds a misspelt field would otherwise be dropped without a word
 * (and a `__proto__` key is refused by name rather than ignored).
 */
export const BatchPlanWorkloadSchema = WorkloadRequestSchema.omit({ siteId: true })
  .extend({
    // A chosen site is a commit's (the batch plans every row as the planner ranks it): refused here by name.
    gpus: WorkloadRequestSchema.shape.gpus.strict(),
    ref: text().trim().min(1).max(BATCH_PLAN_REF_MAX).optional(),
  })
  .strict();
export type BatchPlanWorkload = z.infer<typeof BatchPlanWorkloadSchema>;
export type BatchPlanWorkloadInput = z.input<typeof BatchPlanWorkloadSchema>;

export const BatchPlanRequestSchema = z
  .object({
    workloads: z.array(BatchPlanWorkloadSchema).min(1).max(BATCH_PLAN_MAX_WORKLOADS),
    /** Weights for every workload that brings none of its own. */
    weights: PlacementWeightsSchema.optional(),
  })
  .strict();
/** The body of `POST /api/placements/batch-plan` (JSON; the same rows can come as CSV, see batch-plan-csv.ts). */
export type BatchPlanRequest = z.infer<typeof BatchPlanRequestSchema>;
export type BatchPlanRequestInput = z.input<typeof BatchPlanRequestSchema>;

const RowIdentity = {
  /** Position in the request, from 0. */
  index: z.number().int().min(0),
  ref: text().optional(),
  name: text(),
};

export const BatchPlacedSchema = z.object({
  ...RowIdentity,
  outcome: z.literal('placed'),
  /** The engine's rank-1 candidate at the moment this row was planned (after every earlier row took its share). */
  siteId: IdSchema,
  /** The site's country. */
  jurisdiction: JurisdictionCodeSchema,
  gpuModel: GpuModelSchema,
  gpuCount: z.number().int().min(1),
  /** IT power the workload would draw there, kW. */
  powerKw: z.number().min(0),
  /** The rank-1 candidate's score, 0–1. */
  score: z.number().min(0).max(1),
  /** How many candidates the plan had for this row (the placed site was the first of them). */
  rank1Of: z.number().int().min(1),
});
export type BatchPlaced = z.infer<typeof BatchPlacedSchema>;

export const BatchUnplacedReasonSchema = z.object({
  code: ReasonCodeSchema,
  /** How many sites rejected the row for this reason (a site may give several reasons; 0 only when the fleet has no site). */
  count: z.number().int().min(0),
  /** One site's sentence for it, e.g. "Needs 64 H100, 40 free." */
  message: text(),
  ruleId: text().optional(),
});
export type BatchUnplacedReason = z.infer<typeof BatchUnplacedReasonSchema>;

export const BatchUnplacedSchema = z.object({
  ...RowIdentity,
  outcome: z.literal('unplaced'),
  /** Most frequent first. Never empty. */
  reasons: z.array(BatchUnplacedReasonSchema).min(1),
});
export type BatchUnplaced = z.infer<typeof BatchUnplacedSchema>;

export const BatchPlanResultSchema = z.discriminatedUnion('outcome', [BatchPlacedSchema, BatchUnplacedSchema]);
export type BatchPlanResult = z.infer<typeof BatchPlanResultSchema>;

export const BatchPlanTotalsSchema = z.object({
  requested: z.number().int().min(0),
  placed: z.number().int().min(0),
  unplaced: z.number().int().min(0),
  gpusRequested: z.number().int().min(0),
  gpusPlaced: z.number().int().min(0),
  powerKwPlaced: z.number().min(0),
});
export type BatchPlanTotals = z.infer<typeof BatchPlanTotalsSchema>;

/**
 * What one jurisdiction has free before the batch (committed figures now) and after it (had every placed
 * row been committed). Free counts the sites that take workloads now (operational, as placement sees them).
 */
export const BatchPlanRemainingSchema = z.object({
  jurisdiction: JurisdictionCodeSchema,
  /** Sites of the fleet in this jurisdiction. */
  sites: z.number().int().min(0),
  gpusFreeBefore: z.number().int().min(0),
  gpusFreeAfter: z.number().int().min(0),
  powerKwFreeBefore: z.number().min(0),
  powerKwFreeAfter: z.number().min(0),
});
export type BatchPlanRemaining = z.infer<typeof BatchPlanRemainingSchema>;

export const BatchPlanSchema = z.object({
  policyVersion: text(),
  fleetVersion: text(),
  /** ISO 8601 time the batch was planned for. */
  at: text(),
  /** One per workload, in the request's order. */
  results: z.array(BatchPlanResultSchema),
  totals: BatchPlanTotalsSchema,
  /** One per jurisdiction with sites, by code. */
  remaining: z.array(BatchPlanRemainingSchema),
});
/** The answer of a batch what-if. */
export type BatchPlan = z.infer<typeof BatchPlanSchema>;
