import { NoSiteFitsSchema, WorkloadSchema, type Plan, type Workload, type WorkloadRequest } from '@corridor/shared';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

/** What a commit came to: the workload placed, or no site fits now — with the fresh plan that says why. */
export type CommitOutcome = { kind: 'placed'; workload: Workload } | { kind: 'no-site-fits'; message: string; plan: Plan };

/**
 * A random idempotency key: crypto.randomUUID where the page is a secure context, else a version 4
 * UUID from getRandomValues (which works on plain http too, e.g. a NOC console on an internal address).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * POST /api/workloads: plan and commit in one step. The Idempotency-Key makes a retry of the same
 * submission safe (the server answers it with the first outcome). A 409 is an answer, not a failure:
 * its body carries the plan. Every other failure is the ApiError apiRequest throws.
 */
export async function commitWorkload(request: WorkloadRequest, idempotencyKey: string): Promise<CommitOutcome> {
  try {
    const workload = await apiRequest('/api/workloads', WorkloadSchema, { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } });
    return { kind: 'placed', workload };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const conflict = NoSiteFitsSchema.safeParse(error.body);
    if (conflict.success) return { kind: 'no-site-fits', message: conflict.data.error.message, plan: conflict.data.plan };
    throw error;
  }
}
