import {
  CapacityForecastSchema,
  SiteLossSchema,
  SovereignHeadroomSchema,
  type CapacityForecast,
  type ForecastQuery,
  type HeadroomQuery,
  type SiteLoss,
  type SiteLossRequest,
  type SovereignHeadroom,
  toCsv,
  type CsvValue,
} from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { STAMP, stampOf } from './capacity-csv.ts';
import { withQuery } from './query-path.ts';

/**
 * Sovereign headroom, N-1 and forecast, answered by the placer: headroom is what a plan would offer, and
 * plans are made by the placer over its own sites (ControlPlaneSet.placer). When plans are federated,
 * these answers will be merged the same way. The acting user the client signs onto each call confines a
 * tenant to its own classes and workloads.
 */
export class SovereignCapacityService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'placer'>) {}

  async headroom(query: HeadroomQuery): Promise<SovereignHeadroom> {
    return (await this.planes.placer().get(withQuery('/v1/capacity/headroom', { gpus: String(query.gpus), model: query.model }), SovereignHeadroomSchema)).data;
  }

  /** A read sent as a POST (the question has a body): safe to send again, nothing is reserved. */
  async siteLoss(body: SiteLossRequest): Promise<SiteLoss> {
    return (await this.planes.placer().write('POST', '/v1/capacity/site-loss', SiteLossSchema, { body, holdsNothing: true })).data;
  }

  async forecast(query: ForecastQuery): Promise<CapacityForecast> {
    return (await this.planes.placer().get(withQuery('/v1/capacity/forecast', { weeks: String(query.weeks) }), CapacityForecastSchema)).data;
  }
}

// ─── CSV (RFC 4180 by csv.ts; units in the column names; as-of and versions on every line) ──────────

const CLASS_HEAD = ['class_id', 'class_title', 'sector', 'data_class', 'data_origin'] as const;
const classHead = (c: SovereignHeadroom['classes'][number]['class']): CsvValue[] => [c.id, c.title, c.shape.sector, c.shape.dataClass, c.shape.dataOrigin];

export const HEADROOM_CSV_HEADER = [
  ...CLASS_HEAD,
  'gpu_model',
  'lawful_gpus',
  'committed_gpus',
  'free_gpus',
  'pipeline_gpus',
  'lawful_mw_it',
  'committed_mw_it',
  'free_mw_it',
  'pipeline_mw_it',
  'asked_gpus',
  'asked_model',
  'can_serve',
  'lawful_free_gpus_asked_model',
  'serving_sites',
  ...STAMP,
] as const;

/** Headroom as CSV: per class one line for all models (with MW and the answer), then one per model (GPU columns). */
export function headroomCsv(h: SovereignHeadroom): string {
  const lines: CsvValue[][] = [];
  for (const c of h.classes) {
    const a = c.answer;
    lines.push([
      ...classHead(c.class),
      'all',
      c.gpus.lawful,
      c.gpus.committed,
      c.gpus.free,
      c.gpus.pipeline,
      c.mw.lawful,
      c.mw.committed,
      c.mw.free,
      c.mw.pipeline,
      a.gpus,
      a.model ?? 'any',
      a.yes,
      a.lawfulFree,
      a.at.map((s) => `${s.siteId}:${s.gpus} ${s.model}`).join(' '),
      ...stampOf(h),
    ]);
    for (const m of c.gpusByModel) lines.push([...classHead(c.class), m.model, m.lawful, m.committed, m.free, m.pipeline, null, null, null, null, null, null, null, null, null, ...stampOf(h)]);
  }
  return toCsv(HEADROOM_CSV_HEADER, lines);
}

export const SITE_LOSS_CSV_HEADER = [
  'lost_site_id',
  'workload_id',
  'workload_name',
  'tenant',
  'class_ids',
  'gpu_model',
  'gpus',
  'outcome',
  'to_site_id',
  'to_gpu_model',
  'other_lawful_destinations',
  'stranded_reason_codes',
  'lawful_sites_left',
  'closest_lawful_site_id',
  'closest_lawful_site_reasons',
  ...STAMP,
] as const;

/** N-1 as CSV: one line per workload of the lost site; reasons as `CODE×sites`, the closest lawful site's as `CODE(needed/available unit)`, space-separated. */
export function siteLossCsv(loss: SiteLoss): string {
  return toCsv(
    SITE_LOSS_CSV_HEADER,
    loss.workloads.map((w) => [
      loss.site.id,
      w.workloadId,
      w.name,
      w.tenant,
      w.classIds.join(' '),
      w.gpuModel,
      w.gpuCount,
      w.outcome,
      w.to?.siteId,
      w.to?.gpuModel,
      w.alternatives,
      w.reasons.map((r) => `${r.code}×${r.sites}`).join(' '),
      w.outcome === 'stranded' ? w.lawfulSitesLeft : null,
      w.closestLawful?.siteId,
      w.closestLawful?.reasons.map((r) => (r.margin ? `${r.code}(${r.margin.needed}/${r.margin.available} ${r.margin.unit})` : r.code)).join(' '),
      ...stampOf(loss),
    ]),
  );
}

export const FORECAST_CSV_HEADER = [...CLASS_HEAD, 'quarter', 'quarter_ends', 'projected_demand_gpus', 'lawful_supply_gpus', 'lawful_supply_mw_it', 'first_crossing', 'method', ...STAMP] as const;

/** The forecast as CSV: one line per class × quarter, the method on each. */
export function forecastCsv(f: CapacityForecast): string {
  return toCsv(
    FORECAST_CSV_HEADER,
    f.classes.flatMap((c) => c.quarters.map((q) => [...classHead(c.class), q.quarter, q.ends, q.demandGpus, q.supplyGpus, q.supplyMw, q.crossing, f.method.description, ...stampOf(f)])),
  );
}
