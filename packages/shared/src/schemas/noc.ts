import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { RejectedSiteSchema } from './placement.ts';
import { GpuModelSchema } from './site.ts';

// The NOC's contract (issue 16): observed health, alerts and their lifecycle, silences, maintenance
// windows, drains and the timeline. Times are ISO 8601 strings in UTC (`2026-12-03T11:40:00.000Z`).

const IsoInstantSchema = text().datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-12-03T11:40:00Z' });

// ─── Health ──────────────────────────────────────────────────────────────────────────────────────

/** The lifecycle a site is declared in (the fleet file; `maintenance` also while a window is active). */
export const DECLARED_STATUSES = ['planned', 'construction', 'operational', 'maintenance'] as const;
export const DeclaredStatusSchema = z.enum(DECLARED_STATUSES);
export type DeclaredStatus = z.infer<typeof DeclaredStatusSchema>;

/**
 * What telemetry and faults say of a site now. A site that stops reporting is `no-data`, never `down`:
 * `down` needs evidence (a site-down fault, an ingested availability of 0, an operator's confirmation).
 */
export const OBSERVED_HEALTHS = ['ok', 'degraded', 'down', 'no-data'] as const;
export const ObservedHealthSchema = z.enum(OBSERVED_HEALTHS);
export type ObservedHealth = z.infer<typeof ObservedHealthSchema>;

/** Worse is higher: a cluster of sites shows its worst, and an unhealthy site is drawn above a healthy one. */
export const HEALTH_RANK: Record<ObservedHealth, number> = { ok: 0, 'no-data': 1, degraded: 2, down: 3 };

export function worstHealth(healths: Iterable<ObservedHealth>): ObservedHealth {
  let worst: ObservedHealth = 'ok';
  for (const h of healths) if (HEALTH_RANK[h] > HEALTH_RANK[worst]) worst = h;
  return worst;
}

// ─── Alert rules ─────────────────────────────────────────────────────────────────────────────────

export const ALERT_SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;
/** Worse is higher (sorting, the header badge). */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, minor: 1, major: 2, critical: 3 };

export const ALERT_SCOPES = ['site', 'link'] as const;
export const AlertScopeSchema = z.enum(ALERT_SCOPES);
export type AlertScope = z.infer<typeof AlertScopeSchema>;

/**
 * A rule as the API serves it (GET /api/alert-rules): the file's rule (data/alerts/*.yaml) with its
 * condition in words. The file's own schema (metric, condition, threshold) lives with the evaluator.
 */
export const AlertRuleViewSchema = z.object({
  id: IdSchema,
  /** The file it came from, e.g. `data/alerts/10-site.yaml`. */
  file: text(),
  scope: AlertScopeSchema,
  severity: AlertSeveritySchema,
  /** E.g. "interim PUE > design PUE + 0.3 for 2 min". */
  condition: text(),
  /** Seconds the condition must hold before the alert fires. */
  forSeconds: z.number().int().min(0),
  /** Seconds unacknowledged after firing before it escalates; absent = never. */
  escalateAfterSeconds: z.number().int().min(1).optional(),
  summary: text(),
  runbook: text(),
});
export type AlertRuleView = z.infer<typeof AlertRuleViewSchema>;
export const AlertRuleListSchema = z.object({ rules: z.array(AlertRuleViewSchema) });
export type AlertRuleList = z.infer<typeof AlertRuleListSchema>;

// ─── Alerts ──────────────────────────────────────────────────────────────────────────────────────

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export const AlertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AcknowledgementSchema = z.object({
  by: text(),
  comment: text(),
  at: IsoInstantSchema,
  /** When the acknowledger expects it fixed. */
  eta: IsoInstantSchema.optional(),
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

export const NOTIFICATION_STATES = ['none', 'pending', 'delivered', 'failed', 'suppressed'] as const;
/** Delivery of the alert's last notification to the configured webhooks. */
export const NotificationStatusSchema = z.object({
  /** none: nothing to send (no webhook, or never fired); suppressed: silenced or in maintenance. */
  state: z.enum(NOTIFICATION_STATES),
  /** What was last sent or is being sent. */
  last: z.enum(['firing', 'resolved']).optional(),
  attempts: z.number().int().min(0),
  lastAttemptAt: IsoInstantSchema.optional(),
  deliveredAt: IsoInstantSchema.optional(),
  error: text().optional(),
});
export type NotificationStatus = z.infer<typeof NotificationStatusSchema>;

/**
 * One episode of a rule on one site or link: from the moment its condition first held (pending) to the
 * moment it stopped holding (resolved). A new episode of the same rule and entity is a new alert.
 */
export const AlertSchema = z.object({
  id: text(),
  ruleId: IdSchema,
  severity: AlertSeveritySchema,
  state: AlertStateSchema,
  siteId: IdSchema.optional(),
  linkId: IdSchema.optional(),
  /** The rule's summary with the value and its unit, e.g. "PUE 1.82 at Benguerir (design 1.30)". */
  summary: text(),
  /** The value that last met (or, once resolved, last failed) the condition, in `unit`; null when there is no value (no data, site down). */
  value: z.number().nullable(),
  unit: text(),
  runbook: text(),
  /** When the condition first held. */
  startsAt: IsoInstantSchema,
  firingAt: IsoInstantSchema.optional(),
  resolvedAt: IsoInstantSchema.optional(),
  acknowledgement: AcknowledgementSchema.optional(),
  escalatedAt: IsoInstantSchema.optional(),
  /** Ids of the silences that match it now. */
  silencedBy: z.array(text()),
  /** Its site or link is in an active maintenance window: recorded, not notified. */
  inMaintenance: z.boolean(),
  notification: NotificationStatusSchema,
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.object({ alerts: z.array(AlertSchema) });
export type AlertList = z.infer<typeof AlertListSchema>;

export const AlertFilterSchema = z.object({
  state: AlertStateSchema.optional(),
  severity: AlertSeveritySchema.optional(),
  site: IdSchema.optional(),
  link: IdSchema.optional(),
});
export type AlertFilter = z.infer<typeof AlertFilterSchema>;

export const AckRequestSchema = z.strictObject({
  comment: text().trim().min(1, 'must say something').max(500),
  etaMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});
export type AckRequest = z.infer<typeof AckRequestSchema>;

// ─── Silences ────────────────────────────────────────────────────────────────────────────────────

export const SilenceMatchersSchema = z
  .strictObject({ ruleId: IdSchema.optional(), siteId: IdSchema.optional(), linkId: IdSchema.optional(), severity: AlertSeveritySchema.optional() })
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'must name at least one of ruleId, siteId, linkId, severity' });
export type SilenceMatchers = z.infer<typeof SilenceMatchersSchema>;

export const SilenceSchema = z.object({
  id: text(),
  matchers: SilenceMatchersSchema,
  startsAt: IsoInstantSchema,
  endsAt: IsoInstantSchema,
  createdBy: text(),
  comment: text(),
  createdAt: IsoInstantSchema,
  /** Set when deleted before its end. */
  expiredAt: IsoInstantSchema.optional(),
  state: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof SilenceSchema>;
export const SilenceListSchema = z.object({ silences: z.array(SilenceSchema) });

/** Either `endsAt` or `durationMinutes`; `startsAt` defaults to now. */
export const SilenceCreateSchema = z
  .strictObject({
    matchers: SilenceMatchersSchema,
    startsAt: IsoInstantSchema.optional(),
    endsAt: IsoInstantSchema.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .optional(),
    comment: text().trim().min(1, 'must say why').max(500),
  })
  .refine((s) => (s.endsAt === undefined) !== (s.durationMinutes === undefined), { message: 'give exactly one of endsAt and durationMinutes', path: ['endsAt'] });
export type SilenceCreate = z.infer<typeof SilenceCreateSchema>;

// ─── Maintenance ─────────────────────────────────────────────────────────────────────────────────

export const MaintenanceWindowSchema = z.object({
  id: text(),
  siteId: IdSchema.optional(),
  linkId: IdSchema.optional(),
  startsAt: IsoInstantSchema,
  endsAt: IsoInstantSchema,
  /** `weekly`: the same window every 7 days from `startsAt`. */
  recurrence: z.enum(['weekly']).optional(),
  reason: text(),
  createdBy: text(),
  createdAt: IsoInstantSchema,
  /** In force now. */
  active: z.boolean(),
  /** The occurrence in force now, or the next one (for a recurring window); absent once over. */
  current: z.object({ startsAt: IsoInstantSchema, endsAt: IsoInstantSchema }).optional(),
  /** IANA zone of the site (or of the link's first end), for showing its local time. */
  timeZone: text(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;
export const MaintenanceListSchema = z.object({ windows: z.array(MaintenanceWindowSchema) });

/** GET /api/maintenance: windows on a site or a link, in force now (`active=true`) or not (`false`). */
export const MaintenanceFilterSchema = z.object({
  site: IdSchema.optional(),
  link: IdSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type MaintenanceFilter = z.infer<typeof MaintenanceFilterSchema>;

export const MaintenanceCreateSchema = z
  .strictObject({
    siteId: IdSchema.optional(),
    linkId: IdSchema.optional(),
    startsAt: IsoInstantSchema,
    endsAt: IsoInstantSchema,
    recurrence: z.enum(['weekly']).optional(),
    reason: text().trim().min(1, 'must say why').max(500),
  })
  .refine((m) => (m.siteId === undefined) !== (m.linkId === undefined), { message: 'give exactly one of siteId and linkId', path: ['siteId'] })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });
export type MaintenanceCreate = z.infer<typeof MaintenanceCreateSchema>;

// ─── Drains ──────────────────────────────────────────────────────────────────────────────────────

export const DrainCandidateSchema = z.object({ siteId: IdSchema, score: z.number() });

/** One workload of the site: where it would go, or why it cannot go anywhere. */
export const DrainMoveSchema = z.object({
  workloadId: text(),
  workloadName: text(),
  tenant: IdSchema,
  gpuModel: GpuModelSchema.optional(),
  gpuCount: z.number().int().min(1),
  /** The destination chosen for it (the best lawful site with room once earlier moves are counted); null when none. */
  to: IdSchema.nullable(),
  score: z.number().optional(),
  /** The other lawful destinations, best first. */
  alternatives: z.array(DrainCandidateSchema),
  /** Why each site was refused, with margins, when there is no destination. */
  reasons: z.array(RejectedSiteSchema),
});
export type DrainMove = z.infer<typeof DrainMoveSchema>;

export const CapacityEffectSchema = z.object({ siteId: IdSchema, gpuModel: GpuModelSchema, freeBefore: z.number().int(), freeAfter: z.number().int() });

/** The dry run: reviewed by an operator, then executed by its id before it expires. */
export const DrainPlanSchema = z.object({
  id: text(),
  siteId: IdSchema,
  createdAt: IsoInstantSchema,
  createdBy: text(),
  expiresAt: IsoInstantSchema,
  moves: z.array(DrainMoveSchema),
  capacityEffect: z.array(CapacityEffectSchema),
  /** Moves with no destination. */
  blocked: z.number().int().min(0),
});
export type DrainPlan = z.infer<typeof DrainPlanSchema>;

export const DRAIN_ITEM_STATES = ['pending', 'migrating', 'moved', 'blocked', 'failed'] as const;
export const DrainSchema = z.object({
  id: text(),
  planId: text(),
  siteId: IdSchema,
  state: z.enum(['running', 'done', 'partial', 'failed']),
  createdBy: text(),
  startedAt: IsoInstantSchema,
  /** By when every item should be moved (the window's start when the drain precedes one). */
  deadline: IsoInstantSchema,
  finishedAt: IsoInstantSchema.optional(),
  items: z.array(
    z.object({
      workloadId: text(),
      workloadName: text(),
      tenant: IdSchema,
      from: IdSchema,
      to: IdSchema.nullable(),
      state: z.enum(DRAIN_ITEM_STATES),
      /** Why it is blocked or failed. */
      reason: text().optional(),
    }),
  ),
});
export type Drain = z.infer<typeof DrainSchema>;
export const DrainCreateSchema = z.strictObject({ planId: text().min(1).max(100) });

// ─── Timeline ────────────────────────────────────────────────────────────────────────────────────

/** `policy`: a policy change's re-check flagged or unflagged workloads where they run (issue 15). */
export const TIMELINE_KINDS = ['alert', 'ack', 'silence', 'fault', 'health', 'maintenance', 'drain', 'migration', 'commit', 'release', 'policy'] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

/** One thing that happened, as the timeline and a tenant's workload page show it. */
export const TimelineEventSchema = z.object({
  /** Increasing: `before` pages by it. */
  id: z.number().int().positive(),
  at: IsoInstantSchema,
  kind: TimelineKindSchema,
  siteId: IdSchema.optional(),
  linkId: IdSchema.optional(),
  workloadId: text().optional(),
  /** The tenant whose workload it concerns: a tenant user sees only its own. */
  tenant: IdSchema.optional(),
  /** Who did it: a user name, `system` or `simulator`. */
  actor: text().optional(),
  /** In words, e.g. "wl-… moved from ma-benguerir-1 to ma-casa-2: site in maintenance". */
  summary: text(),
  detail: z.record(text(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export const TimelinePageSchema = z.object({
  events: z.array(TimelineEventSchema),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore: z.number().int().positive().optional(),
});
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

export const TimelineQuerySchema = z.object({
  kind: TimelineKindSchema.optional(),
  site: IdSchema.optional(),
  link: IdSchema.optional(),
  workload: text().max(100).optional(),
  from: IsoInstantSchema.optional(),
  to: IsoInstantSchema.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
