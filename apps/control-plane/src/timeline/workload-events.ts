import type { Site, Workload } from '@corridor/shared';
import type { TimelineInput } from '../noc/ports.ts';

// A workload's life as its tenant reads it on the timeline and its workload page: placed, moved (from →
// to, and why), stranded (and why), released. Each entry carries the tenant, so the tenant sees it and
// no other tenant does.

const ofWorkload = (w: Workload) => ({ workloadId: w.id, tenant: w.tenant });
const gpus = (w: Workload) => `${w.gpuCount} × ${w.gpuModel ?? 'GPU'}`;

/** Why a workload must leave its site, in a tenant's words. */
export function leaveReason(site: Pick<Site, 'status'> | undefined, liveStatus: Site['status'] | undefined, maintenanceUntil?: string): string {
  if (!site) return 'site removed from the fleet';
  const status = liveStatus ?? site.status;
  if (status === 'maintenance') return maintenanceUntil ? `site in maintenance until ${maintenanceUntil}` : 'site in maintenance';
  if (status === 'offline') return 'site down';
  return `site ${status}`;
}

export function committedEntry(w: Workload, actor: string): TimelineInput {
  return {
    kind: 'commit',
    ...(w.siteId ? { siteId: w.siteId } : {}),
    ...ofWorkload(w),
    actor,
    summary: `${w.name} placed on ${w.siteId} (${gpus(w)})`,
    detail: { to: w.siteId, state: w.state, gpuModel: w.gpuModel, gpuCount: w.gpuCount, powerKw: w.powerKw },
  };
}

/** `before`: the workload as it was, so the entry names the site it left. */
export function releasedEntry(before: Workload, actor: string): TimelineInput {
  return {
    kind: 'release',
    ...(before.siteId ? { siteId: before.siteId } : {}),
    ...ofWorkload(before),
    actor,
    summary: before.siteId ? `${before.name} released from ${before.siteId}` : `${before.name} released`,
    detail: { ...(before.siteId ? { from: before.siteId } : {}), state: 'released', previousState: before.state },
  };
}

/** Moved to `moved.siteId` from `from` (absent: placed again after being stranded), for `reason`. */
export function migratedEntry(moved: Workload, from: string | undefined, reason: string, actor: string): TimelineInput {
  const to = moved.siteId ?? '';
  return {
    kind: 'migration',
    siteId: to,
    ...ofWorkload(moved),
    actor,
    summary: from ? `${moved.name} moved from ${from} to ${to}: ${reason}` : `${moved.name} placed again on ${to} after being stranded`,
    detail: { ...(from ? { from } : {}), to, state: moved.state, reason: from ? reason : 'a lawful site had room again', gpuModel: moved.gpuModel, gpuCount: moved.gpuCount },
  };
}

/** Had to leave `from` for `reason`, and no lawful site can take it: it waits, stranded, for room. */
export function strandedEntry(w: Workload, from: string | undefined, reason: string, codes: readonly string[]): TimelineInput {
  const why = codes.length ? codes.join(', ') : 'no site';
  return {
    kind: 'migration',
    ...(from ? { siteId: from } : {}),
    ...ofWorkload(w),
    actor: 'system',
    summary: `${w.name} stranded: it must leave ${from ?? 'its site'} (${reason}) and no lawful site can take it (${why})`,
    detail: { ...(from ? { from } : {}), state: 'stranded', reason, codes: [...codes] },
  };
}
