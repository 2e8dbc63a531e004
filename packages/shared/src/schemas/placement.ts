import { z } from 'zod';
import { IdSchema, LatitudeSchema, LongitudeSchema } from './common.ts';
import { text } from './text.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';
import { GpuModelSchema } from './site.ts';

// ─── The workload vocabulary (DESIGN.md, Domain vocabulary) ──────────────────────────────────────

export const WORKLOAD_KINDS = ['training', 'fine-tuning', 'inference', 'batch'] as const;
export const WorkloadKindSchema = z.enum(WORKLOAD_KINDS);
export type WorkloadKind = z.infer<typeof WorkloadKindSchema>;

export const SECTORS = ['government', 'finance', 'healthcare', 'energy', 'defense', 'telecom', 'research', 'commercial'] as const;
export const SectorSchema = z.enum(SECTORS);
export type Sector = z.infer<typeof SectorSchema>;

export const DATA_CLASSES = ['public', 'internal', 'personal', 'sensitive-personal', 'state-sensitive', 'classified'] as const;
export const DataClassSchema = z.enum(DATA_CLASSES);
export type DataClass = z.infer<typeof DataClassSchema>;

export const WORKLOAD_STATES = ['pending', 'placed', 'running', 'migrating', 'stranded', 'released'] as const;
export const WorkloadStateSchema = z.enum(WORKLOAD_STATES);
export type WorkloadState = z.infer<typeof WorkloadStateSchema>;

/** Why a site cannot take a workload. Stable: extend, never rename (DESIGN.md). */
export const REASON_CODES = [
  'JURISDICTION_NOT_ALLOWED',
  'OPERATOR_CONTROL',
  'CERTIFICATION_MISSING',
  'SITE_NOT_OPERATIONAL',
  'INSUFFICIENT_GPUS',
  'GPU_MODEL_UNAVAILABLE',
  'POWER_HEADROOM',
  'LATENCY_OBJECTIVE',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/** Id of a condition a request can affirm (defined by the policy pack, e.g. `sccs-signed`). */
export const ConditionIdSchema = IdSchema;

// ─── The request ─────────────────────────────────────────────────────────────────────────────────

/**
 * Free text that is stored: PostgreSQL text and jsonb cannot hold U+0000, so it is refused at the
 * edge with the field's name rather than failing in the store.
 */
const StorableText = (max: number) =>
  text()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain the NUL character');

export const GeoPointSchema = z.object({ lat: LatitudeSchema, lon: LongitudeSchema });
export type GeoPoint = z.infer<typeof GeoPointSchema>;

/** Relative weights of the score parts; they need not sum to 1 (the engine normalises). */
export const PlacementWeightsSchema = z
  .object({
    latency: z.number().min(0).max(1),
    carbon: z.number().min(0).max(1),
    cost: z.number().min(0).max(1),
    capacity: z.number().min(0).max(1),
    scarcity: z.number().min(0).max(1),
  })
  .partial()
  .refine((w) => Object.values(w).some((v) => v !== undefined && v > 0) || Object.values(w).every((v) => v === undefined), {
    message: 'at least one weight must be above 0',
  });
export type PlacementWeights = z.infer<typeof PlacementWeightsSchema>;

/**
 * Latency first when the request has an objective; then scarcity (what placing here costs the regulated
 * demand that can only go here, issue 15), weighted above carbon and cost: with carbon at 0.3 and no
 * scarcity, workloads free to go anywhere chased the cleanest grid and filled the capacity EU- and
 * MA-bound work needed later, and the engine packed worse than first-fit (866 vs 937 of 1,000). Of the
 * mixes bench/placement-batch.mjs tried these packed best across its batch shapes (944 vs 937 on today's
 * mix; BENCHMARKS.md, placement-batch); carbon and cost still order sites of equal scarcity.
 */
export const DEFAULT_WEIGHTS = { latency: 0.3, carbon: 0.1, cost: 0.1, capacity: 0.1, scarcity: 0.4 } as const satisfies Required<PlacementWeights>;

export const LatencyObjectiveSchema = z.object({
  /** Where the users are: a point, or a known city name (e.g. "Casablanca") or site id. */
  from: z.union([GeoPointSchema, StorableText(80)]),
  /** Largest acceptable round-trip time from there to the site, in ms. */
  maxRttMs: z.number().positive().max(1000),
});
export type LatencyObjective = z.infer<typeof LatencyObjectiveSchema>;

export const WorkloadRequestSchema = z.object({
  name: StorableText(120),
  tenant: IdSchema,
  kind: WorkloadKindSchema,
  sector: SectorSchema,
  dataClass: DataClassSchema,
  /** The jurisdiction of the data's subjects or owner. */
  dataOrigin: JurisdictionCodeSchema,
  gpus: z.object({
    count: z.number().int().min(1).max(100_000),
    /** Any model when absent. */
    model: GpuModelSchema.optional(),
  }),
  /** IT power the workload draws, kW; derived from the GPUs' kW each when absent. */
  powerKw: z.number().positive().max(1_000_000).optional(),
  latency: LatencyObjectiveSchema.optional(),
  weights: PlacementWeightsSchema.optional(),
  /** Conditions the requester affirms (ids from the policy pack), e.g. `sccs-signed`. */
  conditions: z.array(ConditionIdSchema).max(20).default([]),
  /**
   * A commit only (a plan ignores it): the candidate site the requester chose instead of the best one. The
   * commit re-checks that site alone — policy and capacity, under its lock — and is refused (409, with the
   * fresh plan) when the site cannot take the workload now; it never falls back to another site.
   */
  siteId: IdSchema.optional(),
});
/** What a workload needs, in the shared vocabulary: the body of a plan or a commit. */
export type WorkloadRequest = z.infer<typeof WorkloadRequestSchema>;
export type WorkloadRequestInput = z.input<typeof WorkloadRequestSchema>;

// ─── The plan ────────────────────────────────────────────────────────────────────────────────────

export const MarginSchema = z.object({
  needed: z.number(),
  available: z.number(),
  /** e.g. "GPUs", "H100", "kW", "ms". */
  unit: text(),
});
export type Margin = z.infer<typeof MarginSchema>;

export const RejectionReasonSchema = z.object({
  code: ReasonCodeSchema,
  /** One sentence a person can read, e.g. "Needs 64 H100, 40 free." */
  message: text(),
  /** The policy rule behind it, for policy reasons. */
  ruleId: text().optional(),
  margin: MarginSchema.optional(),
});
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

export const ScorePartSchema = z.object({
  /** 0–1, higher is better. */
  score: z.number().min(0).max(1),
  /** The normalised weight this part carried (weights sum to 1). */
  weight: z.number().min(0).max(1),
  /** The figure the score came from, in `unit`. */
  value: z.number(),
  unit: text(),
  /** Where the figure came from, e.g. "measured link RTT", "live telemetry", "fleet file". */
  basis: text(),
});
export type ScorePart = z.infer<typeof ScorePartSchema>;

export const CandidateSchema = z.object({
  siteId: IdSchema,
  /** 1 is best. */
  rank: z.number().int().min(1),
  /** Weighted sum of the parts, 0–1. */
  score: z.number().min(0).max(1),
  parts: z.object({ latency: ScorePartSchema, carbon: ScorePartSchema, cost: ScorePartSchema, capacity: ScorePartSchema, scarcity: ScorePartSchema }),
  /** The GPU model the workload would get there, and how many of that model are free now. */
  gpuModel: GpuModelSchema,
  freeGpus: z.number().int().min(0),
  /** IT power the workload would draw there, kW. */
  powerKw: z.number().min(0),
  /** Estimated RTT from the latency objective's place, ms; absent without an objective. */
  rttMs: z.number().min(0).optional(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const RejectedSiteSchema = z.object({
  siteId: IdSchema,
  /** Every failing reason, not only the first. Never empty. */
  reasons: z.array(RejectionReasonSchema).min(1),
});
export type RejectedSite = z.infer<typeof RejectedSiteSchema>;

export const MatchedRuleSchema = z.object({ id: text(), title: text() });

export const PlanSchema = z.object({
  policyVersion: text(),
  fleetVersion: text(),
  /** ISO 8601 time the plan was computed for. */
  at: text(),
  /** The rules that matched the request; empty means no rule matched and every jurisdiction is allowed. */
  matchedRules: z.array(MatchedRuleSchema),
  /** Notes for the reader, e.g. "No policy rule matched: allowed everywhere." */
  notes: z.array(text()),
  /** Ranked best first. */
  candidates: z.array(CandidateSchema),
  rejected: z.array(RejectedSiteSchema),
});
/** Where a workload can run: every site of the fleet, a candidate or rejected with all its reasons. */
export type Plan = z.infer<typeof PlanSchema>;

// ─── Workloads ───────────────────────────────────────────────────────────────────────────────────

/**
 * A running or placed workload that a newer policy pack no longer allows where it runs: the rule that now
 * forbids it, as the re-check at a policy change found it. It is flagged, never moved: the operator decides.
 */
export const PolicyFlagSchema = z.object({
  /** The policy version under which it is no longer lawful there. */
  policyVersion: text(),
  ruleId: text(),
  ruleTitle: text(),
  code: ReasonCodeSchema,
  /** The rule's sentence for this site, as a plan would show it. */
  message: text(),
  /** ISO 8601: when the re-check first found it under this version. */
  flaggedAt: text(),
});
export type PolicyFlag = z.infer<typeof PolicyFlagSchema>;

export const WorkloadSchema = z.object({
  id: text(),
  name: text(),
  tenant: IdSchema,
  kind: WorkloadKindSchema,
  sector: SectorSchema,
  dataClass: DataClassSchema,
  dataOrigin: JurisdictionCodeSchema,
  state: WorkloadStateSchema,
  /** Where it runs (or ran); absent while pending or stranded. */
  siteId: IdSchema.optional(),
  gpuModel: GpuModelSchema.optional(),
  gpuCount: z.number().int().min(1),
  /** IT power reserved, kW. */
  powerKw: z.number().min(0),
  /** The request as committed. */
  request: WorkloadRequestSchema,
  /** Why it could not be re-placed, when stranded. */
  strandedReasons: z.array(RejectedSiteSchema).optional(),
  /** Present while the policy in force no longer allows it where it runs. */
  policyFlag: PolicyFlagSchema.optional(),
  createdAt: text(),
  updatedAt: text(),
  releasedAt: text().optional(),
});
export type Workload = z.infer<typeof WorkloadSchema>;

export const WorkloadListSchema = z.object({ workloads: z.array(WorkloadSchema) });
export type WorkloadList = z.infer<typeof WorkloadListSchema>;

/** A client's key for a commit (`Idempotency-Key` header): the same key and body answer the first commit again. Printable ASCII. */
export const IdempotencyKeySchema = text().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 printable ASCII characters');

export const WorkloadFilterSchema = z.object({
  state: WorkloadStateSchema.optional(),
  site: IdSchema.optional(),
  tenant: IdSchema.optional(),
  sector: SectorSchema.optional(),
  /** `true`: only the workloads the policy in force no longer allows where they run; `false`: only the others. */
  flagged: z.enum(['true', 'false']).optional(),
});
export type WorkloadFilter = z.infer<typeof WorkloadFilterSchema>;

// ─── Audit ───────────────────────────────────────────────────────────────────────────────────────

export const AUDIT_ACTIONS = [
  'plan',
  'commit',
  'commit-rejected',
  'release',
  'migrate',
  'strand',
  'start',
  'policy-load',
  // A policy change's re-check (issue 15): one summary per re-check, one record per workload flagged or unflagged; a reload refused.
  'policy-recheck',
  'policy-flag',
  'policy-unflag',
  'policy-reload-refused',
  'login',
  'login-failed',
  'logout',
  'maintenance',
  // Maintenance windows and drains (issue 16): scheduled or deleted by an operator; a drain's dry run and its execution.
  'maintenance-scheduled',
  'maintenance-deleted',
  'drain-planned',
  'drain-executed',
  // An operator confirmed a site down (its workloads move as for an observed site-down), or withdrew it.
  'site-confirmed-down',
  'site-down-confirmation-withdrawn',
  // Alerts (issue 16): an operator acknowledged an alert, created a silence, or ended one early. Rule transitions are not audited (the timeline has them).
  'alert-ack',
  'silence-created',
  'silence-expired',
  // Admin changes, recorded by the BFF with the admin as actor.
  'user-created',
  'user-disabled',
  'token-issued',
  'token-revoked',
  // The chain's key: the first keyed record, and each rotation after it.
  'audit-key',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditRecordSchema = z.object({
  seq: z.number().int().min(1),
  at: text(),
  /** Who did it: a user name, `system`, or `simulator`. */
  actor: text(),
  action: AuditActionSchema,
  /** What it was about, e.g. `workload:wl-…`, `policy:<version>`. */
  subject: text(),
  detail: z.record(text(), z.unknown()),
  /** Hash of the previous record (64 zeros for the first). */
  prevHash: text(),
  /** HMAC-SHA256 with the key `keyId` (sha256 for records older than the key) of prevHash ‖ canonical JSON of this record without hash. */
  hash: text(),
  /** Which audit key made `hash`; absent on records written before the chain was keyed. */
  keyId: text().optional(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

const AuditTimeSchema = z.iso.datetime({ offset: true });

/** Audit paging and filters: newest first, records before a sequence number, of one action or actor, within [from, to). */
export const AuditQuerySchema = z.object({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: AuditActionSchema.optional(),
  actor: text().min(1).max(200).optional(),
  from: AuditTimeSchema.optional(),
  to: AuditTimeSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditListSchema = z.object({ records: z.array(AuditRecordSchema), nextBefore: z.number().int().optional() });
export type AuditList = z.infer<typeof AuditListSchema>;

/**
 * The chain's head as written outside the store (`<dataDir>/audit-anchors.jsonl`): keep it, and a later
 * verify that does not find this hash at this seq shows the chain was cut or rewritten.
 */
export const AuditAnchorSchema = z.object({ seq: z.number().int().min(0), hash: text(), at: text(), keyId: text() });
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

/**
 * What verify found wrong, at `firstBroken`: a record whose hash does not match (`rewritten`), a seq
 * missing in the middle (`deleted`), a chain shorter than its head or its last anchor (`truncated`), an
 * anchor whose hash is not in the chain at its seq (`anchor-mismatch`), an anchor file whose line was
 * changed or removed (`anchor-forged`), a record keyed with a key verify does not know (`unknown-key`).
 */
export const AUDIT_PROBLEMS = ['rewritten', 'deleted', 'truncated', 'anchor-mismatch', 'anchor-forged', 'unknown-key'] as const;
export const AuditProblemSchema = z.enum(AUDIT_PROBLEMS);
export type AuditProblem = z.infer<typeof AuditProblemSchema>;

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  /** Records checked (same as `checked`; kept for older clients). */
  count: z.number().int().min(0),
  /** Records checked before the first problem (all of them when ok). */
  checked: z.number().int().min(0).optional(),
  /** The first record that does not fit, when not ok (same as `firstBroken`; kept for older clients). */
  brokenAt: z.number().int().optional(),
  firstBroken: z.number().int().optional(),
  problem: AuditProblemSchema.optional(),
  /** The problem in words, for a person. */
  message: text().optional(),
  /** True when records at the end are gone. */
  truncated: z.boolean().optional(),
  headHash: text().optional(),
  /** The last anchor, the one verify checked the chain against. */
  anchor: AuditAnchorSchema.optional(),
  /** Records before this seq were written before the chain was keyed: they are checked with plain sha256. */
  unkeyedBefore: z.number().int().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

export const WorkloadDetailSchema = z.object({
  workload: WorkloadSchema,
  /** The plan that placed it (the latest, after a migration). */
  plan: PlanSchema.optional(),
  audit: z.array(AuditRecordSchema),
});
export type WorkloadDetail = z.infer<typeof WorkloadDetailSchema>;

/** 409 body of a commit that found no site: the plan shows why. */
export const NoSiteFitsSchema = z.object({
  error: z.object({ code: z.literal('CONFLICT'), message: text(), requestId: text().optional() }),
  plan: PlanSchema,
});
export type NoSiteFits = z.infer<typeof NoSiteFitsSchema>;

// ─── Policy as data ──────────────────────────────────────────────────────────────────────────────

/** A jurisdiction code, a group name from the pack (e.g. `EEA`), `ORIGIN` (the data's origin) or `*` (anywhere). */
export const JurisdictionRefSchema = text().regex(/^([A-Z]{2}|[A-Z][A-Z0-9_]{2,31}|\*)$/, 'must be a country code, a group name, ORIGIN or *');

export const PolicyRuleSchema = z.object({
  id: IdSchema,
  title: text().min(1).max(160),
  /** Which requests the rule governs; an absent list matches anything. */
  match: z.object({
    sectors: z.array(SectorSchema).min(1).optional(),
    dataClasses: z.array(DataClassSchema).min(1).optional(),
    /** Countries or group names of the data's origin. */
    origins: z.array(JurisdictionRefSchema).min(1).optional(),
  }),
  /** Where the workload may run: a site's country must be in one entry whose conditions are all affirmed. */
  allow: z
    .array(
      z.object({
        jurisdictions: z.array(JurisdictionRefSchema).min(1),
        /** Conditions the request must affirm for this entry to apply. */
        requires: z.array(ConditionIdSchema).default([]),
      }),
    )
    .min(1),
  /** Certifications the site must hold, all of them (names as in the fleet file). */
  certifications: z.array(text().min(1)).default([]),
  /** The operator must be controlled from one of these (countries, groups, ORIGIN). */
  operatorControl: z.object({ allowed: z.array(JurisdictionRefSchema).min(1) }).optional(),
  /** The law in words. */
  legalBasis: text().min(1),
  note: text().default('Illustrative, not legal advice.'),
});
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const PolicyConditionSchema = z.object({ id: ConditionIdSchema, label: text().min(1) });
export type PolicyCondition = z.infer<typeof PolicyConditionSchema>;

/** The policy pack as written in data/policy/ (its content hash is the version). */
export const PolicyPackFileSchema = z.object({
  /** Named groups of countries, e.g. EU, EEA, ECOWAS, GDPR_ADEQUATE (a two-letter name must not be a country's code). */
  groups: z.record(text().regex(/^[A-Z][A-Z0-9_]{1,31}$/), z.array(text().regex(/^[A-Z]{2}$/)).min(1)),
  conditions: z.array(PolicyConditionSchema),
  rules: z.array(PolicyRuleSchema).min(1),
});
export type PolicyPackFile = z.infer<typeof PolicyPackFileSchema>;

export const PolicySchema = PolicyPackFileSchema.extend({ version: text() });
/** The policy pack as served: its rules and its version. */
export type Policy = z.infer<typeof PolicySchema>;

/** What a policy reload did: the version before and after, and what the re-check found (nothing when the pack did not change). */
export const PolicyReloadSchema = z.object({
  previousVersion: text(),
  version: text(),
  changed: z.boolean(),
  /** Placed and running workloads evaluated against the new pack. */
  checked: z.number().int().min(0),
  /** Of those, no longer lawful where they run (flagged now or still). */
  flagged: z.number().int().min(0),
  /** Flagged before, lawful again under this version. */
  unflagged: z.number().int().min(0),
});
export type PolicyReload = z.infer<typeof PolicyReloadSchema>;
