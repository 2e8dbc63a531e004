import type { PolicyFlag, RejectionReason, Site, Workload, WorkloadRequest } from '@corridor/shared';
import type { Db, Queryable } from '@corridor/store';
import { appendAudit } from '../audit/audit-log.ts';
import type { LoadedPolicy } from '../placement/plan-input.ts';
import { matchingRules, policyCheck } from '../placement/policy-eval.ts';
import { setPolicyFlag, workloadsIn } from '../placement/workload-store.ts';

/** The workloads a policy change is checked against: those that hold a site and are not already leaving it. */
const RECHECKED_STATES = ['placed', 'running'] as const;

/** What a re-check found; `flaggedNow` / `unflaggedNow`: the workloads whose flag this re-check set or ended (not those still flagged from before). */
export interface RecheckOutcome {
  previousVersion: string | null;
  version: string;
  checked: number;
  flagged: number;
  unflagged: number;
  flaggedNow: { workload: Workload; flag: PolicyFlag }[];
  unflaggedNow: { workload: Workload; was: PolicyFlag }[];
}

/**
 * The first policy reason the pack gives against running `request` on `site`, with its rule's title;
 * undefined when the pack allows it there. The planner's own check (policy-eval.ts), so a workload is
 * flagged exactly when a plan made now would reject its site for policy.
 */
export function forbiddingRule(policy: LoadedPolicy, request: WorkloadRequest, site: Site): { reason: RejectionReason; ruleTitle: string } | undefined {
  const rules = matchingRules(policy.pack, request);
  const reason = policyCheck(rules, request.dataOrigin, new Set(request.conditions))(site, site.id)[0];
  if (!reason) return undefined;
  const title = policy.pack.rules.find((r) => r.id === reason.ruleId)?.title;
  return { reason, ruleTitle: title ?? reason.ruleId ?? reason.code };
}

/** The version the workloads were last checked against; null before the first check. */
export async function lastCheckedVersion(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ version: string }>('SELECT version FROM policy_checks WHERE id = 1');
  return rows[0]?.version ?? null;
}

/**
 * Re-evaluates every placed and running workload against `policy` at its site, in one transaction:
 * a workload no longer lawful there is flagged with the rule that forbids it (audit `policy-flag`), one
 * flagged before and lawful again is unflagged (`policy-unflag`), one still forbidden by the same rule
 * keeps its flag and its date under the new version. Nothing is moved, no reservation changes. One
 * summary (`policy-recheck`: version old → new, checked, flagged) per re-check, except the very first
 * of an empty store, which has nothing to say.
 */
export async function recheckWorkloads(db: Db, policy: LoadedPolicy, sites: ReadonlyMap<string, { site: Site }>, at: Date, actor: string): Promise<RecheckOutcome> {
  return db.transaction(async (tx) => {
    // Under the audit head's lock, like the policy load: replicas starting together check once each, in turn.
    await tx.query('SELECT seq FROM audit_head FOR UPDATE');
    const previousVersion = await lastCheckedVersion(tx);
    const outcome: RecheckOutcome = { previousVersion, version: policy.version, checked: 0, flagged: 0, unflagged: 0, flaggedNow: [], unflaggedNow: [] };
    for (const workload of await workloadsIn(tx, RECHECKED_STATES)) {
      const site = workload.siteId ? sites.get(workload.siteId)?.site : undefined;
      // A site gone from the fleet is the lifecycle's to handle: it re-places the workload.
      if (!site) continue;
      outcome.checked++;
      await recheckOne(tx, workload, forbiddingRule(policy, workload.request, site), policy.version, at, actor, outcome);
    }
    await tx.query(
      `INSERT INTO policy_checks (id, version, checked_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, checked_at = EXCLUDED.checked_at`,
      [policy.version, at.toISOString()],
    );
    if (previousVersion !== null || outcome.checked > 0) {
      const { checked, flagged, unflagged } = outcome;
      await appendAudit(tx, { actor, action: 'policy-recheck', subject: `policy:${policy.version}`, detail: { from: previousVersion, to: policy.version, checked, flagged, unflagged } }, at);
    }
    return outcome;
  });
}

async function recheckOne(tx: Queryable, workload: Workload, verdict: ReturnType<typeof forbiddingRule>, version: string, at: Date, actor: string, outcome: RecheckOutcome): Promise<void> {
  const before = workload.policyFlag;
  const subject = `workload:${workload.id}`;
  if (!verdict) {
    if (!before) return;
    await setPolicyFlag(tx, workload.id, null);
    await appendAudit(tx, { actor, action: 'policy-unflag', subject, detail: { siteId: workload.siteId, policyVersion: version, was: before } }, at);
    outcome.unflagged++;
    outcome.unflaggedNow.push({ workload, was: before });
    return;
  }
  outcome.flagged++;
  const { reason, ruleTitle } = verdict;
  const kept = before?.ruleId === reason.ruleId && before?.code === reason.code ? before : undefined;
  const flag: PolicyFlag = {
    policyVersion: version,
    ruleId: reason.ruleId ?? reason.code,
    ruleTitle,
    code: reason.code,
    message: reason.message,
    flaggedAt: kept?.flaggedAt ?? at.toISOString(),
  };
  await setPolicyFlag(tx, workload.id, flag);
  // Still forbidden by the same rule: the flag carries on under the new version, already audited.
  if (kept) return;
  await appendAudit(tx, { actor, action: 'policy-flag', subject, detail: { siteId: workload.siteId, state: workload.state, ...flag } }, at);
  outcome.flaggedNow.push({ workload: { ...workload, policyFlag: flag }, flag });
}
