import type { PolicyFlag } from '@corridor/shared';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { FLAG_GLYPH, shortPolicyVersion } from '../model/policy-flag.ts';

/**
 * "⚠ Not lawful under policy 3f2a…: <rule title>": a workload the policy in force no longer allows where
 * it runs (issue 15). A glyph and words, never a colour alone; the glyph is decoration for screen readers.
 */
export function PolicyFlagBadge({ flag }: { flag: PolicyFlag }) {
  const t = useT();
  return (
    <span className="policy-flag-badge">
      <span aria-hidden="true" className="policy-flag-glyph">
        {FLAG_GLYPH}
      </span>
      <span>{t('workloads.flag.badge', { version: shortPolicyVersion(flag.policyVersion), rule: flag.ruleTitle })}</span>
    </span>
  );
}

/** "⚠ 2 flagged by the policy": how many workloads the policy in force flags (the list's heading). */
export function PolicyFlagCount({ count }: { count: number }) {
  const t = useT();
  return (
    <span className="policy-flag-badge policy-flag-count">
      <span aria-hidden="true">{FLAG_GLYPH}</span>
      <span>{t('workloads.flag.count', { count })}</span>
    </span>
  );
}
