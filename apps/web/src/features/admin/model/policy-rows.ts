import type { Policy, PolicyRule } from '@corridor/shared';

/** One rule as the policy page reads it: whom it governs, where it allows, on which conditions, and why. */
export interface PolicyRuleRow {
  id: string;
  title: string;
  /** "Sectors healthcare · Data classes personal, sensitive · Origin EEA", or "Every request". */
  governs: string;
  /** Each place the workload may run: the jurisdictions, and the conditions (in words) the request must affirm. */
  allows: { jurisdictions: string; conditions: string[] }[];
  certifications: string[];
  operatorControl?: string;
  legalBasis: string;
  note: string;
}

const list = (values: readonly string[]) => values.join(', ');

/** Whom a rule governs, in words: each part of its match, or every request when it matches anything. */
export function describeMatch(match: PolicyRule['match']): string {
  const parts = [
    match.sectors && `Sectors ${list(match.sectors)}`,
    match.dataClasses && `Data classes ${list(match.dataClasses)}`,
    match.origins && `Data from ${list(match.origins.map(jurisdictionName))}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Every request';
}

/** `*` and `ORIGIN` are words a person reads differently from a country or a group. */
export const jurisdictionName = (ref: string): string => (ref === '*' ? 'anywhere' : ref === 'ORIGIN' ? 'the data’s origin' : ref);

export function policyRuleRows(policy: Policy): PolicyRuleRow[] {
  const conditionLabel = new Map(policy.conditions.map((c) => [c.id, c.label]));
  return policy.rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    governs: describeMatch(rule.match),
    allows: rule.allow.map((entry) => ({
      jurisdictions: list(entry.jurisdictions.map(jurisdictionName)),
      conditions: entry.requires.map((id) => conditionLabel.get(id) ?? id),
    })),
    certifications: rule.certifications,
    operatorControl: rule.operatorControl && list(rule.operatorControl.allowed.map(jurisdictionName)),
    legalBasis: rule.legalBasis,
    note: rule.note,
  }));
}

/** The pack's named groups, sorted by name, with their countries sorted. */
export const policyGroups = (policy: Policy): { name: string; countries: string[] }[] =>
  Object.entries(policy.groups)
    .map(([name, countries]) => ({ name, countries: [...countries].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
