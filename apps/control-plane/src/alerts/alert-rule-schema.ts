import { z } from 'zod';
import { AlertScopeSchema, AlertSeveritySchema, IdSchema, JurisdictionCodeSchema, MetricNameSchema, SiteStatusSchema } from '@corridor/shared';

/**
 * The shape of an alert rule file (data/alerts/*.yaml): `rules:` a list of rules. Thresholds are written
 * in the unit the console shows the metric in (°C, %, ms, kW…), and `unit` must say which, so a reader
 * never has to guess whether `1` means 1 % or 100 %.
 */

/** `90s`, `2m`, `1h`, `0s`: a duration in whole seconds. */
export const DurationSchema = z
  .string()
  .regex(/^\d{1,6}(s|m|h)$/, 'must be a duration such as 30s, 2m or 1h')
  .transform((d) => Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[d.slice(-1) as 's' | 'm' | 'h']);

/** Properties of a site or link a threshold may be relative to, and the scope each belongs to. */
export const THRESHOLD_PROPERTIES = { designPue: 'site', facilityCapacity: 'site', baselineRtt: 'link' } as const;
export type ThresholdProperty = keyof typeof THRESHOLD_PROPERTIES;

/** `{of: designPue, plus: 0.3}`: the entity's property (in the metric's base unit) × `times` + `plus` (in `unit`). */
export const RelativeThresholdSchema = z.strictObject({
  of: z.enum(Object.keys(THRESHOLD_PROPERTIES) as [ThresholdProperty, ...ThresholdProperty[]]),
  times: z.number().positive().max(1000).optional(),
  plus: z.number().min(-1e9).max(1e9).optional(),
});
export type RelativeThreshold = z.infer<typeof RelativeThresholdSchema>;

export const CONDITIONS = ['>', '>=', '<', '<=', '==', 'absent'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const AlertRuleFileRuleSchema = z.strictObject({
  id: IdSchema,
  metric: MetricNameSchema,
  scope: AlertScopeSchema,
  /** Only sites (or links) that match every selector given; a link matches a country by either end. */
  select: z
    .strictObject({
      country: z.array(JurisdictionCodeSchema).min(1).optional(),
      operator: z.array(IdSchema).min(1).optional(),
      status: z.array(SiteStatusSchema).min(1).optional(),
    })
    .optional(),
  /** `absent`: the metric has not been reported for `intervals` of its own cadence. */
  condition: z.enum(CONDITIONS),
  threshold: z.union([z.number().min(-1e12).max(1e12), RelativeThresholdSchema]).optional(),
  /** The unit the threshold (and `plus`) is written in: the metric's display unit. */
  unit: z.string().max(20).optional(),
  intervals: z.number().int().min(1).max(1000).optional(),
  for: DurationSchema.default(0),
  /** Hysteresis: a firing alert resolves only once its condition has not held for this long (default: `for`). */
  clearFor: DurationSchema.optional(),
  severity: AlertSeveritySchema,
  /** With {value}, {unit}, {threshold}, {entity} (the site's or link's name) and {id} (its id). */
  summary: z.string().trim().min(1).max(300),
  runbook: z.string().trim().min(1).max(4000),
  escalateAfter: DurationSchema.optional(),
});
export type AlertRuleFileRule = z.infer<typeof AlertRuleFileRuleSchema>;

export const AlertRuleFileSchema = z.strictObject({ rules: z.array(AlertRuleFileRuleSchema).default([]) });

export const SUMMARY_PLACEHOLDERS = ['value', 'unit', 'threshold', 'entity', 'id'] as const;
