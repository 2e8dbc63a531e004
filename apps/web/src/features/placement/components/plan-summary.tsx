import './placement.css';
import type { Plan, Policy } from '@corridor/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { matchedRuleDetails } from '../model/plan-view.ts';

/** Shown short; the full version is in the title (and in the audit record). */
const VERSION_CHARS = 12;

/**
 * What a plan rests on: the policy version, when it was computed, the rules that matched (title,
 * legal basis, "illustrative, not legal advice") and the engine's notes.
 */
export function PlanSummary({ plan, policy }: { plan: Plan; policy?: Policy }) {
  const rules = matchedRuleDetails(plan, policy);
  const version = plan.policyVersion.replace(/^sha256:/, '');
  return (
    <div className="plan-summary">
      <p className="plan-meta">
        Policy <code title={plan.policyVersion}>{version.slice(0, VERSION_CHARS)}</code> · computed {formatDateTime(plan.at)}
      </p>
      <section aria-label="Matched policy rules">
        {rules.length === 0 ? (
          <p className="muted">No policy rule matched: every jurisdiction is allowed.</p>
        ) : (
          <ul className="matched-rules">
            {rules.map((rule) => (
              <li key={rule.id}>
                <strong>{rule.title}</strong> <span className="muted">({rule.id})</span>
                <span className="rule-note"> · {rule.note}</span>
                {rule.legalBasis && (
                  <details>
                    <summary>Legal basis</summary>
                    <p>{rule.legalBasis}</p>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {plan.notes.length > 0 && (
        <ul className="plan-notes" aria-label="Notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
