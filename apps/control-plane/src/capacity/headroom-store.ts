import type { GpuModel, Workload, WorkloadRequest } from '@corridor/shared';
import type { Queryable } from '@corridor/store';
import { ACTIVE_STATES } from '../placement/workload-store.ts';

/** The reads of sovereign headroom and forecast (I/O only): the workloads as demand. */

const ACTIVE = `state IN (${ACTIVE_STATES.map((s) => `'${s}'`).join(', ')})`;

type Shape = Pick<WorkloadRequest, 'sector' | 'dataClass' | 'dataOrigin'>;

/** A workload holding capacity now (placed, running, migrating). */
export interface ActiveWorkload {
  id: string;
  tenant: string;
  request: Shape;
  siteId?: string;
  gpuModel?: GpuModel;
  gpuCount: number;
  powerKw: number;
}

/** Every workload holding capacity now; one tenant's only when `tenant` is given. */
export async function readActiveWorkloads(db: Queryable, tenant?: string): Promise<ActiveWorkload[]> {
  const { rows } = await db.query<{
    id: string;
    tenant: string;
    sector: Workload['sector'];
    data_class: Workload['dataClass'];
    data_origin: Workload['dataOrigin'];
    site_id: string | null;
    gpu_model: GpuModel | null;
    gpu_count: number;
    power_kw: number;
  }>(
    `SELECT id, tenant, sector, data_class, data_origin, site_id, gpu_model, gpu_count, power_kw::float8 AS power_kw
       FROM workloads WHERE ${ACTIVE} ${tenant !== undefined ? 'AND tenant = $1' : ''} ORDER BY id`,
    tenant !== undefined ? [tenant] : [],
  );
  return rows.map((r) => ({
    id: r.id,
    tenant: r.tenant,
    request: { sector: r.sector, dataClass: r.data_class, dataOrigin: r.data_origin },
    ...(r.site_id ? { siteId: r.site_id } : {}),
    ...(r.gpu_model ? { gpuModel: r.gpu_model } : {}),
    gpuCount: r.gpu_count,
    powerKw: r.power_kw,
  }));
}

/** A workload's life as demand: committed at `fromMs`, holding its GPUs until `untilMs` (null: still). */
export interface DemandSpan {
  request: Shape;
  gpuCount: number;
  fromMs: number;
  untilMs: number | null;
}

/**
 * The demand of every workload committed before `toMs` that still held its GPUs after `sinceMs`: from
 * its commit (created_at: a workload row is written by its commit) until its release, or until it was
 * stranded (its last update, when it lost its reservation). Pending workloads never held any.
 */
export async function readDemandSpans(db: Queryable, sinceMs: number, tenant?: string): Promise<DemandSpan[]> {
  const { rows } = await db.query<{
    sector: Workload['sector'];
    data_class: Workload['dataClass'];
    data_origin: Workload['dataOrigin'];
    gpu_count: number;
    from_ms: string | number;
    until_ms: string | number | null;
  }>(
    `SELECT sector, data_class, data_origin, gpu_count, from_ms, until_ms FROM (
       SELECT sector, data_class, data_origin, gpu_count,
              (extract(epoch FROM created_at) * 1000)::bigint AS from_ms,
              (extract(epoch FROM CASE WHEN state = 'released' THEN coalesce(released_at, updated_at)
                                       WHEN state = 'stranded' THEN updated_at END) * 1000)::bigint AS until_ms
         FROM workloads WHERE state <> 'pending' ${tenant !== undefined ? 'AND tenant = $2' : ''}
     ) spans WHERE until_ms IS NULL OR until_ms > $1::bigint`,
    tenant !== undefined ? [sinceMs, tenant] : [sinceMs],
  );
  return rows.map((r) => ({
    request: { sector: r.sector, dataClass: r.data_class, dataOrigin: r.data_origin },
    gpuCount: r.gpu_count,
    fromMs: Number(r.from_ms),
    untilMs: r.until_ms === null ? null : Number(r.until_ms),
  }));
}
