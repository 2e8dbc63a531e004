import type { PolicyFlag, Workload } from '@corridor/shared';
import type { TimelineInput } from '../noc/ports.ts';
import type { RecheckOutcome } from './policy-recheck.ts';

// A policy change's re-check on the timeline (kind `policy`): one entry for the staff with the counts, and
// one per workload whose flag it set or ended, for that workload's tenant too. Versions are shown as the
// console shows them, without the hash's algorithm.

const short = (version: string | null) => (version ?? 'none').replace(/^sha256:/, '');
const ofWorkload = (w: Workload) => ({ workloadId: w.id, tenant: w.tenant, ...(w.siteId ? { siteId: w.siteId } : {}) });

export function recheckEntry(o: RecheckOutcome, actor: string): TimelineInput {
  const lawfulAgain = o.unflagged > 0 ? `; ${o.unflagged} lawful again` : '';
  return {
    kind: 'policy',
    actor,
    summary: `Policy ${short(o.previousVersion)} → ${short(o.version)}: ${o.flagged} of ${o.checked} placed or running workloads not lawful where they run (flagged, none moved)${lawfulAgain}`,
    detail: { from: o.previousVersion, to: o.version, checked: o.checked, flagged: o.flagged, unflagged: o.unflagged },
  };
}

export function flaggedEntry(w: Workload, flag: PolicyFlag, actor: string): TimelineInput {
  return {
    kind: 'policy',
    ...ofWorkload(w),
    actor,
    summary: `${w.name} is not lawful on ${w.siteId ?? 'its site'} under policy ${short(flag.policyVersion)}: ${flag.ruleTitle} (flagged, not moved)`,
    detail: { policyVersion: flag.policyVersion, ruleId: flag.ruleId, code: flag.code, state: w.state },
  };
}

export function unflaggedEntry(w: Workload, was: PolicyFlag, version: string, actor: string): TimelineInput {
  return {
    kind: 'policy',
    ...ofWorkload(w),
    actor,
    summary: `${w.name} is lawful again on ${w.siteId ?? 'its site'} under policy ${short(version)} (flag of ${was.ruleTitle} ended)`,
    detail: { policyVersion: version, was: was.ruleId },
  };
}
