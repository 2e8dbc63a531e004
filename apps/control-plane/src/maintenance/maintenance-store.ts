import type { Queryable } from '@corridor/store';

/** A window as stored (migration 009): times in epoch ms. */
export interface StoredWindow {
  id: string;
  siteId?: string;
  linkId?: string;
  startsAtMs: number;
  endsAtMs: number;
  recurrence?: 'weekly';
  reason: string;
  createdBy: string;
  createdAt: string;
}

interface WindowRowDb {
  id: string;
  site_id: string | null;
  link_id: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  recurrence: 'weekly' | null;
  reason: string;
  created_by: string;
  created_at: Date | string;
}

const ms = (t: Date | string) => new Date(t).getTime();

function toWindow(r: WindowRowDb): StoredWindow {
  return {
    id: r.id,
    ...(r.site_id ? { siteId: r.site_id } : {}),
    ...(r.link_id ? { linkId: r.link_id } : {}),
    startsAtMs: ms(r.starts_at),
    endsAtMs: ms(r.ends_at),
    ...(r.recurrence ? { recurrence: r.recurrence } : {}),
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Every window not deleted, oldest start first (the service keeps them all in memory: a handful per site). */
export async function readWindows(db: Queryable): Promise<StoredWindow[]> {
  const { rows } = await db.query<WindowRowDb>(
    `SELECT id, site_id, link_id, starts_at, ends_at, recurrence, reason, created_by, created_at
       FROM maintenance_windows WHERE deleted_at IS NULL ORDER BY starts_at, id`,
  );
  return rows.map(toWindow);
}

export async function insertWindow(tx: Queryable, w: StoredWindow): Promise<void> {
  await tx.query(
    `INSERT INTO maintenance_windows (id, site_id, link_id, starts_at, ends_at, recurrence, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [w.id, w.siteId ?? null, w.linkId ?? null, new Date(w.startsAtMs).toISOString(), new Date(w.endsAtMs).toISOString(), w.recurrence ?? null, w.reason, w.createdBy, w.createdAt],
  );
}

/** Marks a window deleted; answers it as it was, or undefined when there is none (or it was deleted already). */
export async function deleteWindow(tx: Queryable, id: string, by: string, at: string): Promise<StoredWindow | undefined> {
  const { rows } = await tx.query<WindowRowDb>(
    `UPDATE maintenance_windows SET deleted_at = $3, deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL
     RETURNING id, site_id, link_id, starts_at, ends_at, recurrence, reason, created_by, created_at`,
    [id, by, at],
  );
  return rows[0] ? toWindow(rows[0]) : undefined;
}
