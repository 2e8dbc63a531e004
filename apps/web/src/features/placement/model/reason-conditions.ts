import type { Policy, PolicyCondition, RejectionReason } from '@corridor/shared';

/**
 * What the console knows around a rejection besides the reason itself: the policy pack (its rules and the
 * conditions' labels), the rejected site's country and the request's data origin (a rule's `ORIGIN`).
 */
export interface ReasonContext {
  policy?: Policy;
  country?: string;
  origin?: string;
}

/** One way to make a site lawful: every condition in it affirmed (most hold one). */
export type ConditionSet = readonly PolicyCondition[];

/** Whether an allow entry's jurisdictions take the country: itself, a group holding it, ORIGIN when it is the data's origin, or `*`. */
function covers(jurisdictions: readonly string[], country: string, origin: string | undefined, groups: Policy['groups']): boolean {
  return jurisdictions.some((j) => j === '*' || j === country || (j === 'ORIGIN' && origin === country) || (groups[j]?.includes(country) ?? false));
}

/**
 * The conditions that would make a jurisdiction rejection lawful, as alternatives (affirm all of one set).
 * The API's reason names its rule but not these conditions (the engine says them only in its English
 * sentence), so they are read from the rule in the policy pack: its allow entries that cover the site's
 * country and require something. Empty when the reason is of another kind, or no condition would help.
 */
export function conditionsToAllow(reason: RejectionReason, { policy, country, origin }: ReasonContext): ConditionSet[] {
  if (reason.code !== 'JURISDICTION_NOT_ALLOWED' || !reason.ruleId || !policy || !country) return [];
  const rule = policy.rules.find((r) => r.id === reason.ruleId);
  if (!rule) return [];
  const labels = new Map(policy.conditions.map((c) => [c.id, c]));
  return rule.allow
    .filter((entry) => entry.requires.length > 0 && covers(entry.jurisdictions, country, origin, policy.groups))
    .map((entry) => entry.requires.map((id) => labels.get(id) ?? { id, label: id }));
}
