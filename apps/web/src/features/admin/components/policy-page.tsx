import { useQuery } from '@tanstack/react-query';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { adminQueries } from '../api/admin-queries.ts';
import { listText, policyGroups, policyRuleRows } from '../model/policy-rows.ts';
import { LoadState } from './admin-ui.tsx';

/**
 * The placement policy as served: its version, each rule with whom it governs, where it allows and its legal basis; conditions; groups.
 * The pack's own texts (rule titles, condition labels, legal bases, notes) are written in English in the policy file: they are
 * marked `lang="en"` in a French or Arabic page, and isolated in Arabic text.
 */
export function PolicyPage() {
  const t = useT();
  const policy = useQuery(adminQueries.policy());
  const data = policy.data;
  return (
    // Focusable (tabIndex 0): the page scrolls and holds nothing else to focus, so the keyboard scrolls it from here.
    <main className="page admin-page" aria-labelledby="policy-title" tabIndex={0}>
      <div className="page-head">
        <h2 id="policy-title">{t('admin.policy.title')}</h2>
        {data && (
          <p className="muted">
            {t.rich('admin.policy.summary', {
              count: data.rules.length,
              version: data.version,
              code: (chunks) => (
                <bdi key="version" className="mono">
                  {chunks}
                </bdi>
              ),
            })}
          </p>
        )}
      </div>
      <LoadState what="policy" isPending={policy.isPending} error={policy.isError && !data ? policy.error : null} onRetry={() => void policy.refetch()} retrying={policy.isFetching} />
      {data && (
        <>
          <section className="page-section" aria-labelledby="rules-title">
            <h3 id="rules-title">{t('admin.policy.rules')}</h3>
            <ol className="policy-rules">
              {policyRuleRows(data).map((rule) => (
                <li key={rule.id} className="policy-rule" aria-labelledby={`rule-${rule.id}`}>
                  <h4 id={`rule-${rule.id}`}>
                    {t.rich('admin.policy.ruleTitle', {
                      title: <span lang="en">{rule.title}</span>,
                      id: rule.id,
                      code: (chunks) => (
                        <bdi key="id" className="muted mono">
                          {chunks}
                        </bdi>
                      ),
                    })}
                  </h4>
                  <dl>
                    <dt>{t('admin.policy.governs')}</dt>
                    <dd>{rule.governs}</dd>
                    <dt>{t('admin.policy.mayRunIn')}</dt>
                    <dd>
                      <ul>
                        {rule.allows.map((entry, index) => (
                          <li key={index}>
                            {entry.conditions.length > 0
                              ? t.rich('admin.policy.allowedOnCondition', {
                                  jurisdictions: entry.jurisdictions,
                                  conditions: <span lang="en">{entry.conditions.join(t('admin.list.semicolon'))}</span>,
                                  muted: (chunks) => (
                                    <span key="conditions" className="muted">
                                      {chunks}
                                    </span>
                                  ),
                                })
                              : entry.jurisdictions}
                          </li>
                        ))}
                      </ul>
                    </dd>
                    {rule.certifications.length > 0 && (
                      <>
                        <dt>{t('admin.policy.certifications')}</dt>
                        <dd>{listText(rule.certifications)}</dd>
                      </>
                    )}
                    {rule.operatorControl && (
                      <>
                        <dt>{t('admin.policy.operatorControl')}</dt>
                        <dd>{rule.operatorControl}</dd>
                      </>
                    )}
                    <dt>{t('admin.policy.legalBasis')}</dt>
                    <dd className="legal-basis">
                      <bdi lang="en">{rule.legalBasis}</bdi>
                    </dd>
                  </dl>
                  <p className="hint" lang="en">
                    {rule.note}
                  </p>
                </li>
              ))}
            </ol>
          </section>
          <section className="page-section" aria-labelledby="conditions-title">
            <h3 id="conditions-title">{t('admin.policy.conditions')}</h3>
            {data.conditions.length === 0 ? (
              <p className="muted">{t('admin.policy.noConditions')}</p>
            ) : (
              <ul className="policy-conditions">
                {data.conditions.map((c) => (
                  <li key={c.id}>
                    {t.rich('admin.policy.condition', {
                      id: c.id,
                      label: <span lang="en">{c.label}</span>,
                      code: (chunks) => (
                        <bdi key="id" className="mono">
                          {chunks}
                        </bdi>
                      ),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="page-section" aria-labelledby="groups-title">
            <h3 id="groups-title">{t('admin.policy.groups')}</h3>
            <table className="admin-table" aria-labelledby="groups-title">
              <thead>
                <tr>
                  <th scope="col">{t('admin.policy.group')}</th>
                  <th scope="col">{t('admin.policy.countries')}</th>
                </tr>
              </thead>
              <tbody>
                {policyGroups(data).map((group) => (
                  <tr key={group.name}>
                    <th scope="row">{group.name}</th>
                    <td>{listText(group.countries)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </main>
  );
}
