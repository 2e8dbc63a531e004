import { TimelinePageSchema, type TimelineEvent, type TimelinePage, type TimelineQuery, toCsv } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { withQuery } from './query-path.ts';

/** Events in one CSV export at most; `nextBefore` continues past them. */
export const CSV_MAX_EVENTS = 10_000;
/** The largest page the control plane answers (TimelineQuerySchema's limit). */
const PAGE_SIZE = 1000;

const CSV_HEADER = ['id', 'at', 'kind', 'site', 'link', 'workload', 'tenant', 'actor', 'summary', 'detail'] as const;

/** The CSV export: the text, and where the next export starts when the filters select more. */
export interface TimelineCsv {
  text: string;
  rows: number;
  nextBefore?: number;
}

/**
 * The NOC's timeline, read from the placer's control plane (where workloads are committed, moved and
 * released, so their events and the tenant they concern are there). The control plane confines a tenant
 * user to its own workloads' events, for the acting user the client signs onto each call.
 */
export class TimelineService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'placer'>) {}

  async list(query: TimelineQuery): Promise<TimelinePage> {
    return (await this.planes.placer().get(withQuery('/v1/events', query), TimelinePageSchema)).data;
  }

  /** Every event the filters select, newest first, up to `limit` (at most CSV_MAX_EVENTS), as CSV. */
  async csv(query: TimelineQuery): Promise<TimelineCsv> {
    const events: TimelineEvent[] = [];
    let before = query.before;
    let more = true;
    while (more && events.length < query.limit) {
      const page = await this.list({ ...query, limit: Math.min(PAGE_SIZE, query.limit - events.length), ...(before !== undefined ? { before } : {}) });
      events.push(...page.events);
      before = page.nextBefore;
      more = page.nextBefore !== undefined;
    }
    const rows = events.map((e) => [e.id, e.at, e.kind, e.siteId, e.linkId, e.workloadId, e.tenant, e.actor, e.summary, JSON.stringify(e.detail)]);
    return { text: toCsv(CSV_HEADER, rows), rows: rows.length, ...(more && before !== undefined ? { nextBefore: before } : {}) };
  }
}
