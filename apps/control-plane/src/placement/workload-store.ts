import type { GpuModel, Plan, PolicyFlag, RejectedSite, Workload, WorkloadFilter, WorkloadRequest, WorkloadState } from '@corridor/shared';
import type { Queryable } from '@corridor/store';
import type { SiteUsage } from './plan-input.ts';

/**
 * Workloads and their reservations in the store (migration 004). A workload in an active state holds
 * its GPUs and power on its site; a site's usage is the sum over those rows.
 */

/** States in which a workload holds a reservation on its site. */
export const ACTIVE_STATES = ['placed', 'running', 'migrating'] as const satisfies readonly WorkloadState[];
const ACTIVE_SQL = `state IN (${ACTIVE_STATES.map((s) => `'${s}'`).join(', ')})`;

interface WorkloadRowDb {
  id: string;
  name: string;
  tenant: string;
  kind: Workload['kind'];
  sector: Workload['sector'];
  data_class: Workload['dataClass'];
  data_origin: Workload['dataOrigin'];
  state: WorkloadState;
  site_id: string | null;
  gpu_model: GpuModel | null;
  gpu_count: number;
  power_kw: number;
  request: WorkloadRequest;
  plan: Plan | null;
  stranded_reasons: RejectedSite[] | null;
  policy_flag: PolicyFlag | null;
  created_at: Date | string;
  updated_at: Date | string;
  released_at: Date | string | null;
}

const iso = (t: Date | string) => new Date(t).toISOString();

function toWorkload(r: WorkloadRowDb): Workload {
  return {
    id: r.id,
    name: r.name,
    tenant: r.tenant,
    kind: r.kind,
    sector: r.sector,
    dataClass: r.data_class,
    dataOrigin: r.data_origin,
    state: r.state,
    ...(r.site_id ? { siteId: r.site_id } : {}),
    ...(r.gpu_model ? { gpuModel: r.gpu_model } : {}),
    gpuCount: r.gpu_count,
    powerKw: r.power_kw,
    request: r.request,
    ...(r.stranded_reasons ? { strandedReasons: r.stranded_reasons } : {}),
    ...(r.policy_flag ? { policyFlag: r.policy_flag } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.released_at ? { releasedAt: iso(r.released_at) } : {}),
  };
}

const COLUMNS = `id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw,
  request, plan, stranded_reasons, policy_flag, created_at, updated_at, released_at`;

/** Reserved GPUs by model and reserved kW per site; one site only when `siteId` is given. */
export async function readUsage(db: Queryable, siteId?: string): Promise<Map<string, SiteUsage>> {
  const { rows } = await db.query<{ site_id: string; gpu_model: GpuModel; gpus: number; power_kw: number }>(
    `SELECT site_id, gpu_model, sum(gpu_count)::int AS gpus, sum(power_kw)::float8 AS power_kw
       FROM workloads WHERE ${ACTIVE_SQL} ${siteId ? 'AND site_id = $1' : ''}
      GROUP BY site_id, gpu_model`,
    siteId ? [siteId] : [],
  );
  const usage = new Map<string, SiteUsage>();
  for (const r of rows) {
    const site = usage.get(r.site_id) ?? { gpus: {}, powerKw: 0 };
    site.gpus[r.gpu_model] = r.gpus;
    site.powerKw += r.power_kw;
    usage.set(r.site_id, site);
  }
  return usage;
}

/**
 * Takes the site's row lock for the rest of the transaction: commits to one site take turns between
 * re-reading its usage and inserting, so two of them can never both fit into the same free GPUs.
 * False when the site is not in the store.
 */
export async function lockSite(tx: Queryable, siteId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT id FROM sites WHERE id = $1 FOR UPDATE', [siteId]);
  return rows.length > 0;
}

export async function insertWorkload(tx: Queryable, w: Workload, plan: Plan): Promise<void> {
  await tx.query(
    `INSERT INTO workloads (id, name, tenant, kind, sector, data_class, data_origin, state, site_id, gpu_model, gpu_count, power_kw,
       request, plan, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      w.id,
      w.name,
      w.tenant,
      w.kind,
      w.sector,
      w.dataClass,
      w.dataOrigin,
      w.state,
      w.siteId ?? null,
      w.gpuModel ?? null,
      w.gpuCount,
      w.powerKw,
      JSON.stringify(w.request),
      JSON.stringify(plan),
      w.createdAt,
      w.updatedAt,
    ],
  );
}

/** Newest first, filtered; every filter is optional. */
export async function listWorkloads(db: Queryable, filter: WorkloadFilter): Promise<Workload[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  add('state', filter.state);
  add('site_id', filter.site);
  add('tenant', filter.tenant);
  add('sector', filter.sector);
  if (filter.flagged !== undefined) where.push(`policy_flag IS ${filter.flagged === 'true' ? 'NOT ' : ''}NULL`);
  const { rows } = await db.query<WorkloadRowDb>(`SELECT ${COLUMNS} FROM workloads ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id`, params);
  return rows.map(toWorkload);
}

/** One workload and the plan that placed it; `forUpdate` locks its row for the transaction. */
export async function readWorkload(db: Queryable, id: string, forUpdate = false): Promise<{ workload: Workload; plan?: Plan } | undefined> {
  const { rows } = await db.query<WorkloadRowDb>(`SELECT ${COLUMNS} FROM workloads WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  const row = rows[0];
  return row ? { workload: toWorkload(row), ...(row.plan ? { plan: row.plan } : {}) } : undefined;
}

/** Ids of the workloads in the given states, oldest first. */
export async function workloadIdsIn(db: Queryable, states: readonly WorkloadState[]): Promise<{ id: string; siteId: string | null; state: WorkloadState }[]> {
  const { rows } = await db.query<{ id: string; site_id: string | null; state: WorkloadState }>('SELECT id, site_id, state FROM workloads WHERE state = ANY($1::text[]) ORDER BY created_at, id', [
    states,
  ]);
  return rows.map((r) => ({ id: r.id, siteId: r.site_id, state: r.state }));
}

/** Moves a workload to another state; the placement columns change only when given. */
export async function updateWorkload(
  tx: Queryable,
  id: string,
  change: {
    state: WorkloadState;
    at: string;
    /** Without `plan`, the plan that placed it stays (a drain's move is recorded in the audit trail instead). */
    placement?: { siteId: string; gpuModel: GpuModel; powerKw: number; plan?: Plan };
    strandedReasons?: RejectedSite[];
  },
): Promise<Workload> {
  const p = change.placement;
  const { rows } = await tx.query<WorkloadRowDb>(
    `UPDATE workloads SET state = $2, updated_at = $3,
        site_id = CASE WHEN $2 = 'stranded' THEN NULL WHEN $4::text IS NULL THEN site_id ELSE $4 END,
        gpu_model = coalesce($5, gpu_model), power_kw = coalesce($6, power_kw), plan = coalesce($7::jsonb, plan),
        stranded_reasons = $8::jsonb,
        policy_flag = CASE WHEN $2 IN ('stranded', 'released') OR $4::text IS NOT NULL THEN NULL ELSE policy_flag END,
        released_at = CASE WHEN $2 = 'released' THEN $3::timestamptz ELSE released_at END
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      change.state,
      change.at,
      p?.siteId ?? null,
      p?.gpuModel ?? null,
      p?.powerKw ?? null,
      p?.plan ? JSON.stringify(p.plan) : null,
      change.strandedReasons ? JSON.stringify(change.strandedReasons) : null,
    ],
  );
  return toWorkload(rows[0]!);
}

/** Every column but the plan, which the workload itself does not carry (a plan lists every site of the fleet). */
const COLUMNS_WITHOUT_PLAN = COLUMNS.replace(/\bplan, /, '');

/** The workloads in the given states, oldest first (the policy re-check reads the placed and running ones). */
export async function workloadsIn(db: Queryable, states: readonly WorkloadState[]): Promise<Workload[]> {
  const { rows } = await db.query<WorkloadRowDb>(`SELECT ${COLUMNS_WITHOUT_PLAN} FROM workloads WHERE state = ANY($1::text[]) ORDER BY created_at, id`, [states]);
  return rows.map(toWorkload);
}

/** Sets a workload's policy flag, or clears it with null (the policy re-check's, issue 15). */
export async function setPolicyFlag(tx: Queryable, id: string, flag: PolicyFlag | null): Promise<void> {
  await tx.query('UPDATE workloads SET policy_flag = $2::jsonb WHERE id = $1', [id, flag ? JSON.stringify(flag) : null]);
}

/** Marks placed or running workloads as migrating (those released meanwhile stay released); answers those marked. */
export async function markMigrating(tx: Queryable, ids: readonly string[], at: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(`UPDATE workloads SET state = 'migrating', updated_at = $2 WHERE id = ANY($1::text[]) AND state IN ('placed', 'running') RETURNING id`, [ids, at]);
  return rows.map((r) => r.id);
}

/** Starts every placed workload on a site that is up; answers those started. */
export async function startPlaced(tx: Queryable, upSiteIds: readonly string[], at: string): Promise<Workload[]> {
  const { rows } = await tx.query<WorkloadRowDb>(`UPDATE workloads SET state = 'running', updated_at = $2 WHERE state = 'placed' AND site_id = ANY($1::text[]) RETURNING ${COLUMNS}`, [upSiteIds, at]);
  return rows.map(toWorkload);
}

/** GPUs of running workloads per site id, by workload kind: what the simulator draws load from. */
export async function runningGpusBySite(db: Queryable): Promise<Map<string, { kind: Workload['kind']; gpuCount: number }[]>> {
  const { rows } = await db.query<{ site_id: string; kind: Workload['kind']; gpus: number }>(
    `SELECT site_id, kind, sum(gpu_count)::int AS gpus FROM workloads WHERE state = 'running' GROUP BY site_id, kind ORDER BY site_id, kind`,
  );
  const bySite = new Map<string, { kind: Workload['kind']; gpuCount: number }[]>();
  for (const r of rows) bySite.set(r.site_id, [...(bySite.get(r.site_id) ?? []), { kind: r.kind, gpuCount: r.gpus }]);
  return bySite;
}

// ─── Idempotency keys ────────────────────────────────────────────────────────────────────────────

export interface StoredCommit {
  requestHash: string;
  response: Workload;
}

export async function findIdempotent(db: Queryable, key: string): Promise<StoredCommit | undefined> {
  const { rows } = await db.query<{ request_hash: string; response: Workload }>('SELECT request_hash, response FROM idempotency_keys WHERE key = $1', [key]);
  const row = rows[0];
  return row ? { requestHash: row.request_hash, response: row.response } : undefined;
}

/**
 * Records a commit under its key, in the commit's transaction. False when the key is already taken: a
 * concurrent commit with the same key waits here for the other to finish, then finds it, and must
 * roll back so that one key never places two workloads.
 */
export async function claimIdempotencyKey(tx: Queryable, key: string, requestHash: string, response: Workload): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO idempotency_keys (key, request_hash, workload_id, response, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, requestHash, response.id, JSON.stringify(response), response.createdAt],
  );
  return rows.length > 0;
}
