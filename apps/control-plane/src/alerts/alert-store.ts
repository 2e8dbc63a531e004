import { SEVERITY_RANK, type Alert, type AlertFilter, type Silence } from '@corridor/shared';
import type { Queryable } from '@corridor/store';

/**
 * Alerts and silences in the store (migration 007): each kept whole as JSON beside the columns its
 * queries filter on, so a restart finds every open alert and silence as it was.
 */

/** An alert with the series it belongs to (`<ruleId>|site:<id>`, `raised:<key>`). */
export interface StoredAlert {
  seriesKey: string;
  alert: Alert;
}

export async function saveAlert(db: Queryable, { seriesKey, alert }: StoredAlert): Promise<void> {
  await db.query(
    `INSERT INTO alerts (id, series_key, rule_id, state, severity, site_id, link_id, starts_at, resolved_at, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, severity = EXCLUDED.severity, resolved_at = EXCLUDED.resolved_at, body = EXCLUDED.body`,
    [alert.id, seriesKey, alert.ruleId, alert.state, alert.severity, alert.siteId ?? null, alert.linkId ?? null, alert.startsAt, alert.resolvedAt ?? null, JSON.stringify(alert)],
  );
}

const bodyOf = (raw: unknown): Alert => (typeof raw === 'string' ? JSON.parse(raw) : raw) as Alert;

/** Every pending or firing alert, with its series: what evaluation resumes from after a restart. */
export async function openAlerts(db: Queryable): Promise<StoredAlert[]> {
  const { rows } = await db.query<{ series_key: string; body: unknown }>(`SELECT series_key, body FROM alerts WHERE state <> 'resolved'`);
  return rows.map((r) => ({ seriesKey: r.series_key, alert: bodyOf(r.body) }));
}

export async function alertById(db: Queryable, id: string, forUpdate = false): Promise<StoredAlert | undefined> {
  const { rows } = await db.query<{ series_key: string; body: unknown }>(`SELECT series_key, body FROM alerts WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  const row = rows[0];
  return row && { seriesKey: row.series_key, alert: bodyOf(row.body) };
}

/** Newest resolved alerts kept in a list: the recent past, not the whole history. */
export const RESOLVED_WINDOW_MS = 24 * 3_600_000;
const LIST_LIMIT = 2000;

/**
 * The alerts a filter asks for: open ones (pending, firing) and those resolved in the last 24 h
 * (`state` narrows to one), open before resolved, then worst severity first, then oldest first.
 */
export async function listAlerts(db: Queryable, filter: AlertFilter, nowMs: number): Promise<Alert[]> {
  const params: unknown[] = [new Date(nowMs - RESOLVED_WINDOW_MS).toISOString()];
  const where = [`(state <> 'resolved' OR resolved_at >= $1)`];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  add('state', filter.state);
  add('severity', filter.severity);
  add('site_id', filter.site);
  add('link_id', filter.link);
  const { rows } = await db.query<{ body: unknown }>(`SELECT body FROM alerts WHERE ${where.join(' AND ')} ORDER BY starts_at DESC LIMIT ${LIST_LIMIT}`, params);
  return rows.map((r) => bodyOf(r.body)).sort(byUrgency);
}

/** Open before resolved, worst severity first, then the oldest (it has burned longest). */
export function byUrgency(a: Alert, b: Alert): number {
  const open = Number(b.state !== 'resolved') - Number(a.state !== 'resolved');
  if (open !== 0) return open;
  const severity = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  if (severity !== 0) return severity;
  return a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id.localeCompare(b.id);
}

export async function saveSilence(db: Queryable, silence: Silence): Promise<void> {
  await db.query(
    `INSERT INTO alert_silences (id, created_at, ends_at, expired_at, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET ends_at = EXCLUDED.ends_at, expired_at = EXCLUDED.expired_at, body = EXCLUDED.body`,
    [silence.id, silence.createdAt, silence.endsAt, silence.expiredAt ?? null, JSON.stringify(silence)],
  );
}

/** Silences not yet over, and those over in the last 24 h (what the list shows). */
export async function listSilences(db: Queryable, nowMs: number): Promise<Silence[]> {
  const since = new Date(nowMs - RESOLVED_WINDOW_MS).toISOString();
  const { rows } = await db.query<{ body: unknown }>(`SELECT body FROM alert_silences WHERE COALESCE(expired_at, ends_at) >= $1 ORDER BY created_at DESC, id LIMIT ${LIST_LIMIT}`, [since]);
  return rows.map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Silence);
}

export async function silenceById(db: Queryable, id: string): Promise<Silence | undefined> {
  const { rows } = await db.query<{ body: unknown }>('SELECT body FROM alert_silences WHERE id = $1', [id]);
  const raw = rows[0]?.body;
  return raw === undefined ? undefined : ((typeof raw === 'string' ? JSON.parse(raw) : raw) as Silence);
}
