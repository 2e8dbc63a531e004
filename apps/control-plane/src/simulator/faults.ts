import { IdSchema } from '@corridor/shared';
import { z } from 'zod';
// Relative until packages/shared/src/index.ts re-exports the catalogue; then import from '@corridor/shared'.
import type { LinkMetricName, SiteMetricName } from '@corridor/shared';
import { clamp } from './random.ts';

/**
 * Injected faults. Each is stateless: its effect is a pure function of the fault and the instant, so
 * removing a fault restores the normal series at the next tick.
 *
 * - `cooling-failure` (site): supply temperature climbs by up to 10 °C and the cooling overhead by up
 *   to 150 % (fans and backup units flat out). Half the effect shows at once, the rest builds with a
 *   10-minute time constant from `sinceMs`. GPU temperatures follow the inlet; PUE rises; status degraded.
 * - `site-down` (site): the site is dark — IT and facility power 0, availability 0, no GPUs busy or
 *   free, status offline. Only the outdoor temperature and the PV output (exported) are still reported.
 * - `cable-cut` (link): in `reroute` mode (default) traffic fails over to a longer, congested path:
 *   RTT × 2.5, loss 30–50 %, utilisation 90–100 %. In `unreachable` mode the ends cannot reach each
 *   other: loss 1, utilisation 0 and no RTT sample (there is no round trip to measure).
 */

export const FAULT_KINDS = ['cooling-failure', 'site-down', 'cable-cut'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const Since = z.number().int().nonnegative().optional();
export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cooling-failure'), siteId: IdSchema, sinceMs: Since }),
  z.strictObject({ kind: z.literal('site-down'), siteId: IdSchema, sinceMs: Since }),
  z.strictObject({ kind: z.literal('cable-cut'), linkId: IdSchema, sinceMs: Since, mode: z.enum(['reroute', 'unreachable']).optional() }),
]);
/** A fault injected through the control plane API. `sinceMs` absent = in force since forever. */
export type Fault = z.infer<typeof FaultSchema>;

export type SiteValues = Partial<Record<SiteMetricName, number>>;
export type LinkValues = Partial<Record<LinkMetricName, number>>;

export const COOLING_FAILURE = { maxInletRiseC: 10, maxOverheadIncrease: 1.5, timeConstantMs: 10 * 60_000 } as const;
export const CABLE_CUT = { rttFactor: 2.5, minLoss: 0.3, maxLoss: 0.5, minUtilisation: 0.9 } as const;

const active = (f: Fault, atMs: number) => f.sinceMs === undefined || atMs >= f.sinceMs;

/** The faults in force on a site at an instant. */
export function siteFaults(faults: readonly Fault[], siteId: string, atMs: number): Fault[] {
  return faults.filter((f) => f.kind !== 'cable-cut' && f.siteId === siteId && active(f, atMs));
}

/** The cable cut in force on a link at an instant, if any. */
export function linkFault(faults: readonly Fault[], linkId: string, atMs: number): Extract<Fault, { kind: 'cable-cut' }> | undefined {
  return faults.find((f): f is Extract<Fault, { kind: 'cable-cut' }> => f.kind === 'cable-cut' && f.linkId === linkId && active(f, atMs));
}

export interface CoolingEffect {
  /** °C added to the supply temperature. */
  inletRiseC: number;
  /** Multiplier on the PUE overhead. */
  overheadFactor: number;
}

/** Effect of a cooling failure `elapsedMs` after it began: half at once, the rest exponentially. */
export function coolingFailureEffect(elapsedMs: number): CoolingEffect {
  const r = 0.5 + 0.5 * (1 - Math.exp(-Math.max(0, elapsedMs) / COOLING_FAILURE.timeConstantMs));
  return { inletRiseC: COOLING_FAILURE.maxInletRiseC * r, overheadFactor: 1 + COOLING_FAILURE.maxOverheadIncrease * r };
}

/** Combined effect of the cooling failures on a site (none → no change). */
export function siteCoolingEffect(faults: readonly Fault[], atMs: number): CoolingEffect {
  const failure = faults.find((f) => f.kind === 'cooling-failure');
  if (!failure) return { inletRiseC: 0, overheadFactor: 1 };
  return coolingFailureEffect(failure.sinceMs === undefined ? Number.POSITIVE_INFINITY : atMs - failure.sinceMs);
}

/** Metrics a dark site still reports. */
const SURVIVES_SITE_DOWN: readonly SiteMetricName[] = ['site_ambient_temperature_celsius', 'site_solar_power_watts'];

/** A site's values with the site down: nothing drawn, nothing available, no GPU readings. */
export function applySiteDown(values: SiteValues): SiteValues {
  const out: SiteValues = {};
  for (const name of SURVIVES_SITE_DOWN) if (values[name] !== undefined) out[name] = values[name];
  return {
    ...out,
    site_it_power_watts: 0,
    site_facility_power_watts: 0,
    gpu_power_watts: 0,
    site_it_energy_joules_total: 0,
    site_facility_energy_joules_total: 0,
    gpu_sm_active_ratio: 0,
    gpu_xid_errors_total: 0,
    site_gpus_busy: 0,
    site_gpus_free: 0,
    site_availability_ratio: 0,
  };
}

/** A link's values with its cable cut; `next` draws the loss and utilisation of the congested path. */
export function applyCableCut(values: LinkValues, fault: Extract<Fault, { kind: 'cable-cut' }>, next: () => number): LinkValues {
  if (fault.mode === 'unreachable') return { link_loss_ratio: 1, link_utilization_ratio: 0 };
  const rtt = values.link_rtt_seconds;
  return {
    ...(rtt !== undefined ? { link_rtt_seconds: rtt * CABLE_CUT.rttFactor } : {}),
    link_loss_ratio: CABLE_CUT.minLoss + (CABLE_CUT.maxLoss - CABLE_CUT.minLoss) * next(),
    link_utilization_ratio: clamp(CABLE_CUT.minUtilisation + (1 - CABLE_CUT.minUtilisation) * next(), 0, 1),
  };
}
