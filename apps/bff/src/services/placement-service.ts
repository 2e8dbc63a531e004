import {
  ACTOR_HEADER,
  AuditListSchema,
  AuditVerificationSchema,
  CapacitySchema,
  NoSiteFitsSchema,
  PlanSchema,
  PolicySchema,
  WorkloadDetailSchema,
  WorkloadListSchema,
  WorkloadSchema,
  type AuditList,
  type AuditQuery,
  type AuditVerification,
  type Capacity,
  type Plan,
  type Policy,
  type Workload,
  type WorkloadDetail,
  type WorkloadFilter,
  type WorkloadList,
  type WorkloadRequest,
} from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';

/** A path with the defined parameters as its query string. */
function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params.size ? `${path}?${params}` : path;
}

const workloadPath = (id: string) => `/v1/workloads/${encodeURIComponent(id)}`;

/**
 * Placement, workloads, capacity, policy and audit, all from the FIRST configured control plane.
 *
 * A workload's reservation, its plan and its audit trail live in the control plane that placed it, and
 * one planner must see every site it offers, so with several control planes (`CONTROL_PLANE_URLS`) the
 * first one plans, commits and answers for its own sites only. A federated planner (plan on every
 * control plane, merge the plans, commit on the winner's) is future work.
 */
export class PlacementService {
  private readonly client: ControlPlaneClient;

  constructor(clients: readonly ControlPlaneClient[]) {
    const [first] = clients;
    if (!first) throw new Error('placement needs at least one control plane');
    this.client = first;
  }

  /** A dry run: every site, a candidate or rejected with its reasons; nothing is held. */
  async plan(request: WorkloadRequest, actor: string): Promise<Plan> {
    return (await this.client.write('POST', '/v1/placements/plan', PlanSchema, { body: request, headers: { [ACTOR_HEADER]: actor } })).data;
  }

  /** Plans and reserves in one atomic step on the control plane; no site fits → a 409 that carries the plan. */
  async commit(request: WorkloadRequest, actor: string, idempotencyKey?: string): Promise<Workload> {
    const headers = { [ACTOR_HEADER]: actor, ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }) };
    return (await this.client.write('POST', '/v1/workloads', WorkloadSchema, { body: request, headers, conflict: NoSiteFitsSchema })).data;
  }

  async list(filter: WorkloadFilter): Promise<WorkloadList> {
    return (await this.client.get(withQuery('/v1/workloads', filter), WorkloadListSchema)).data;
  }

  /** One workload with the plan that placed it and its audit trail. */
  async detail(id: string): Promise<WorkloadDetail> {
    return (await this.client.get(workloadPath(id), WorkloadDetailSchema)).data;
  }

  /** Releases the workload's reservation; answers it in its released state. */
  async release(id: string, actor: string): Promise<Workload> {
    return (await this.client.write('DELETE', workloadPath(id), WorkloadSchema, { headers: { [ACTOR_HEADER]: actor } })).data;
  }

  /** Every site's GPUs by model and IT power: installed, reserved, free. */
  async capacity(): Promise<Capacity> {
    return (await this.client.get('/v1/capacity', CapacitySchema)).data;
  }

  async policy(): Promise<Policy> {
    return (await this.client.get('/v1/policy', PolicySchema)).data;
  }

  async audit(query: AuditQuery): Promise<AuditList> {
    return (await this.client.get(withQuery('/v1/audit', query), AuditListSchema)).data;
  }

  /** Recomputes the audit log's hash chain on the control plane. */
  async verifyAudit(): Promise<AuditVerification> {
    return (await this.client.get('/v1/audit/verify', AuditVerificationSchema)).data;
  }
}
