import { METRICS, NotFoundError, type SeriesQuery, type Series } from '@corridor/shared';
import { planSeries } from './series-plan.ts';
import type { EntityKind, TelemetryStore } from './telemetry-store.ts';

/**
 * History of one metric of one site or link, as `GET /v1/{sites|links}/:id/series` answers it: the
 * query planned against the store's retention (which level, which step, which window), the buckets
 * read, and each turned into a point (a counter's points also carry their sum).
 */
export class SeriesService {
  constructor(
    private readonly telemetry: Pick<TelemetryStore, 'retention' | 'series'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** 400 naming the parameter when the query cannot be answered; 404 for a site or link not in the fleet. */
  async read(kind: EntityKind, id: string, query: SeriesQuery): Promise<Series> {
    const plan = planSeries(query, this.now(), this.telemetry.retention);
    const buckets = await this.telemetry.series({ entityKind: kind, entityId: id, metric: query.metric, ...plan });
    if (!buckets) throw new NotFoundError(`no ${kind} "${id}"`);
    const spec = METRICS[query.metric];
    const counter = spec.kind === 'counter';
    return {
      metric: query.metric,
      unit: spec.unit,
      kind: spec.kind,
      ...(kind === 'site' ? { siteId: id } : { linkId: id }),
      resolution: plan.resolution,
      stepMs: plan.stepMs,
      from: plan.fromMs,
      to: plan.toMs,
      points: buckets.map((b) => ({ t: b.t, avg: b.sum / b.count, min: b.min, max: b.max, last: b.last, ...(counter ? { sum: b.sum } : {}), count: b.count })),
    };
  }
}
