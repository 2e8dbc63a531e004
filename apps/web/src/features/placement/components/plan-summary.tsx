import './placement.css';
import type { Plan, Policy } from '@corridor/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { matchedRuleDetails } from '../model/plan-view.ts';

/** Shown short; the full version is in the title (and in the audit record). */
const VERSION_CHARS = 12;

/**
 * What a plan rests on: the policy version, when it was computed (in the viewer's zone, named), the rules
 * that matched (title, legal basis, "illustrative, not legal advice") and the engine's notes. Rule titles,
 * legal bases and notes are the policy pack's and the engine's own English words, marked as English.
 */
export function PlanSummary({ plan, policy }: { plan: Plan; policy?: Policy }) {
  const t = useT();
  const rules = matchedRuleDetails(plan, policy);
  /** Rules whose note is the policy's own (English); the others carry the console's default note. */
  const policyNotes = new Set(policy?.rules.filter((r) => r.note).map((r) => r.id));
  const version = plan.policyVersion.replace(/^sha256:/, '');
  return (
    <div className="plan-summary">
      <p className="plan-meta">
        {t.rich('placement.plan.meta', {
          version: version.slice(0, VERSION_CHARS),
          time: formatDateTime(plan.at),
          zone: viewerZone(),
          code: (chunks) => <code title={plan.policyVersion}>{chunks}</code>,
        })}
      </p>
      <section aria-label={t('placement.plan.rules')}>
        {rules.length === 0 ? (
          <p className="muted">{t('placement.plan.rules.none')}</p>
        ) : (
          <ul className="matched-rules">
            {rules.map((rule) => (
              <li key={rule.id}>
                {t.rich('placement.plan.rule', {
                  title: rule.title,
                  id: rule.id,
                  b: (chunks) => <strong lang="en">{chunks}</strong>,
                  muted: (chunks) => <bdi className="muted">{chunks}</bdi>,
                })}
                <span className="rule-note" lang={policyNotes.has(rule.id) ? 'en' : undefined}>
                  {t('placement.plan.rule.note', { note: rule.note })}
                </span>
                {rule.legalBasis && (
                  <details>
                    <summary>{t('placement.plan.rule.legalBasis')}</summary>
                    <p lang="en">{rule.legalBasis}</p>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {plan.notes.length > 0 && (
        <ul className="plan-notes" aria-label={t('placement.plan.notes')}>
          {plan.notes.map((note) => (
            <li key={note}>
              {t.rich('placement.plan.note', {
                label: (chunks) => <span className="note-label">{chunks}</span>,
                note: (
                  <span key="note" lang="en">
                    {note}
                  </span>
                ),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
