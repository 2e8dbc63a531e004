import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { MetricNameSchema } from '../metrics.ts';
import { AlertSchema, DeclaredStatusSchema, ObservedHealthSchema, TimelineEventSchema } from './noc.ts';

/** Latest values per entity: metric name → value in its base unit. */
const ValuesSchema = z.partialRecord(MetricNameSchema, z.number());

/** One tick of telemetry for many sites and links, compact enough to fan out to every console. */
export const TelemetryFrameSchema = z.object({
  /** Epoch ms of the samples in this frame. */
  at: z.number().int(),
  sites: z.record(IdSchema, ValuesSchema),
  links: z.record(IdSchema, ValuesSchema),
});
export type TelemetryFrame = z.infer<typeof TelemetryFrameSchema>;

/**
 * A site's health as every view shows it: its declared status (the fleet's lifecycle, `maintenance`
 * while a window is active) beside its observed health (telemetry and faults). Sent whenever either changes.
 */
export const SiteHealthSchema = z.object({
  siteId: IdSchema,
  declared: DeclaredStatusSchema,
  health: ObservedHealthSchema,
  /** Why, in words, when the health is not `ok` (e.g. "site down (injected fault)", "no frames for 15 s"). */
  reason: text().optional(),
  /** Epoch ms when this declared status and health were first observed together. */
  since: z.number().int(),
  /** ISO 8601 end of the maintenance window in force (declared `maintenance`). */
  maintenanceUntil: text().datetime({ offset: true }).optional(),
  /** Who confirmed the site down (`POST /api/sites/:id/confirm-down`), while that confirmation stands. */
  confirmedBy: text().optional(),
});
export type SiteHealth = z.infer<typeof SiteHealthSchema>;

export const STREAM_EVENT_TYPES = ['telemetry', 'site-health', 'fault', 'alert', 'timeline'] as const;

export const FaultViewSchema = z.object({
  id: text(),
  kind: z.enum(['cooling-failure', 'site-down', 'cable-cut']),
  siteId: IdSchema.optional(),
  linkId: IdSchema.optional(),
  sinceMs: z.number().int(),
  mode: z.enum(['reroute', 'unreachable']).optional(),
});
export type FaultView = z.infer<typeof FaultViewSchema>;

/** Events on the live stream, each with an increasing id (SSE `id:`), type (SSE `event:`) and data. */
export const StreamEventSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number().int().positive(), type: z.literal('telemetry'), data: TelemetryFrameSchema }),
  z.object({ id: z.number().int().positive(), type: z.literal('site-health'), data: SiteHealthSchema }),
  z.object({ id: z.number().int().positive(), type: z.literal('fault'), data: z.object({ action: z.enum(['injected', 'cleared']), fault: FaultViewSchema }) }),
  /** An alert changed (pending, firing, acknowledged, escalated, silenced, resolved, delivery): its whole new state. */
  z.object({ id: z.number().int().positive(), type: z.literal('alert'), data: AlertSchema }),
  /** Something was recorded on the timeline. The BFF sends one concerning a tenant's workload only to that tenant and to staff. */
  z.object({ id: z.number().int().positive(), type: z.literal('timeline'), data: TimelineEventSchema }),
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;
export type StreamEventType = StreamEvent['type'];

/** What a client loads before following the stream: the state as of `lastEventId`. */
export const LiveSnapshotSchema = z.object({
  lastEventId: z.number().int().min(0),
  frame: TelemetryFrameSchema,
  health: z.record(IdSchema, SiteHealthSchema),
  faults: z.array(FaultViewSchema),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshotSchema>;

/** The BFF's live stream as /api/status reports it: the console shows stale data while it is down. */
export const LiveStreamStatusSchema = z.object({
  /** Every control plane's subscription is open. */
  connected: z.boolean(),
  /** Browsers following /api/stream on this BFF. */
  clients: z.number().int().min(0),
  /** The BFF's id of the last event it relayed. */
  lastEventId: z.number().int().min(0),
  upstreams: z.array(
    z.object({
      name: text(),
      connected: z.boolean(),
      /** Subscriptions opened to this control plane since the BFF started. */
      subscriptions: z.number().int().min(0),
      /** Epoch ms of the last byte received (events and heartbeats). */
      lastByteAt: z.number().int().nullable(),
    }),
  ),
});
export type LiveStreamStatus = z.infer<typeof LiveStreamStatusSchema>;
