import type { TimelineEvent, TimelinePage, TimelineQuery } from '@corridor/shared';
import type { Queryable } from '@corridor/store';
import type { TimelineInput } from '../noc/ports.ts';

interface TimelineRow {
  id: string | number;
  at: Date | string;
  kind: TimelineEvent['kind'];
  site_id: string | null;
  link_id: string | null;
  workload_id: string | null;
  tenant: string | null;
  actor: string | null;
  summary: string;
  detail: Record<string, unknown> | string;
}

const COLUMNS = 'id, at, kind, site_id, link_id, workload_id, tenant, actor, summary, detail';

function toEvent(row: TimelineRow): TimelineEvent {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    ...(row.site_id !== null ? { siteId: row.site_id } : {}),
    ...(row.link_id !== null ? { linkId: row.link_id } : {}),
    ...(row.workload_id !== null ? { workloadId: row.workload_id } : {}),
    ...(row.tenant !== null ? { tenant: row.tenant } : {}),
    ...(row.actor !== null ? { actor: row.actor } : {}),
    summary: row.summary,
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  };
}

/** Stores one event; the store numbers it (ids only grow). */
export async function insertTimelineEvent(db: Queryable, input: TimelineInput, at: Date): Promise<TimelineEvent> {
  const { rows } = await db.query<TimelineRow>(
    `INSERT INTO timeline_events (at, kind, site_id, link_id, workload_id, tenant, actor, summary, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING ${COLUMNS}`,
    [at, input.kind, input.siteId ?? null, input.linkId ?? null, input.workloadId ?? null, input.tenant ?? null, input.actor ?? null, input.summary, JSON.stringify(input.detail)],
  );
  return toEvent(rows[0]!);
}

/**
 * A page of events, newest first, filtered; `tenant` (a tenant user's scope) keeps only that tenant's
 * events, whatever else the query asks. `nextBefore` is set when older events remain.
 */
export async function listTimeline(db: Queryable, query: TimelineQuery, tenant?: string): Promise<TimelinePage> {
  const params: unknown[] = [];
  const where: string[] = [];
  const filter = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (query.before !== undefined) filter('id < ?', query.before);
  if (tenant !== undefined) filter('tenant = ?', tenant);
  if (query.kind) filter('kind = ?', query.kind);
  if (query.site) filter('site_id = ?', query.site);
  if (query.link) filter('link_id = ?', query.link);
  if (query.workload) filter('workload_id = ?', query.workload);
  if (query.from) filter('at >= ?', new Date(query.from));
  if (query.to) filter('at < ?', new Date(query.to));
  params.push(query.limit + 1);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await db.query<TimelineRow>(`SELECT ${COLUMNS} FROM timeline_events ${clause} ORDER BY id DESC LIMIT $${params.length}`, params);
  const events = rows.slice(0, query.limit).map(toEvent);
  const last = events.at(-1);
  return { events, ...(rows.length > query.limit && last ? { nextBefore: last.id } : {}) };
}
