import type { Policy, PolicyRule } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';
import { selectKey } from './select-key.ts';

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

/** Values in a row, with the language's comma ("FR, DE" / "FR، DE"). */
export const listText = (values: readonly string[]): string => values.join(translate('admin.list.comma'));

/**
 * Whom a rule governs, in words: each part of its match, or every request when it matches anything.
 * Sectors and data classes are named in the language in force; groups and countries keep their codes.
 */
export function describeMatch(match: PolicyRule['match']): string {
  const parts = [
    match.sectors && translate('admin.policy.matchSectors', { values: listText(match.sectors.map((sector) => translate('admin.sector', { sector: selectKey(sector), code: sector }))) }),
    match.dataClasses &&
      translate('admin.policy.matchDataClasses', { values: listText(match.dataClasses.map((dataClass) => translate('admin.dataClass', { dataClass: selectKey(dataClass), code: dataClass }))) }),
    match.origins && translate('admin.policy.matchOrigins', { values: listText(match.origins.map(jurisdictionName)) }),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : translate('admin.policy.everyRequest');
}

/** `*` and `ORIGIN` are words a person reads differently from a country or a group (read when called: the language may change). */
export const jurisdictionName = (ref: string): string => (ref === '*' ? translate('admin.policy.anywhere') : ref === 'ORIGIN' ? translate('admin.policy.origin') : ref);

export function policyRuleRows(policy: Policy): PolicyRuleRow[] {
  const conditionLabel = new Map(policy.conditions.map((c) => [c.id, c.label]));
  return policy.rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    governs: describeMatch(rule.match),
    allows: rule.allow.map((entry) => ({
      jurisdictions: listText(entry.jurisdictions.map(jurisdictionName)),
      conditions: entry.requires.map((id) => conditionLabel.get(id) ?? id),
    })),
    certifications: rule.certifications,
    operatorControl: rule.operatorControl && listText(rule.operatorControl.allowed.map(jurisdictionName)),
    legalBasis: rule.legalBasis,
    note: rule.note,
  }));
}

/** The pack's named groups, sorted by name, with their countries sorted. */
export const policyGroups = (policy: Policy): { name: string; countries: string[] }[] =>
  Object.entries(policy.groups)
    .map(([name, countries]) => ({ name, countries: [...countries].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
