import { useQuery } from '@tanstack/react-query';
import { formatCount } from '../../../lib/format.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { policyGroups, policyRuleRows } from '../model/policy-rows.ts';
import { LoadState } from './admin-ui.tsx';

/** The placement policy as served: its version, each rule with whom it governs, where it allows and its legal basis; conditions; groups. */
export function PolicyPage() {
  const policy = useQuery(adminQueries.policy());
  const data = policy.data;
  return (
    <main className="page admin-page" aria-labelledby="policy-title">
      <div className="page-head">
        <h2 id="policy-title">Policy</h2>
        {data && (
          <p className="muted">
            {formatCount(data.rules.length)} rules · version <span className="mono">{data.version}</span>
          </p>
        )}
      </div>
      <LoadState what="The policy" isPending={policy.isPending} error={policy.isError && !data ? policy.error : null} onRetry={() => void policy.refetch()} retrying={policy.isFetching} />
      {data && (
        <>
          <section className="page-section" aria-labelledby="rules-title">
            <h3 id="rules-title">Rules</h3>
            <ol className="policy-rules">
              {policyRuleRows(data).map((rule) => (
                <li key={rule.id} className="policy-rule" aria-labelledby={`rule-${rule.id}`}>
                  <h4 id={`rule-${rule.id}`}>
                    {rule.title} <span className="muted mono">{rule.id}</span>
                  </h4>
                  <dl>
                    <dt>Governs</dt>
                    <dd>{rule.governs}</dd>
                    <dt>May run in</dt>
                    <dd>
                      <ul>
                        {rule.allows.map((entry, index) => (
                          <li key={index}>
                            {entry.jurisdictions}
                            {entry.conditions.length > 0 && <span className="muted"> — on condition: {entry.conditions.join('; ')}</span>}
                          </li>
                        ))}
                      </ul>
                    </dd>
                    {rule.certifications.length > 0 && (
                      <>
                        <dt>Certifications</dt>
                        <dd>{rule.certifications.join(', ')}</dd>
                      </>
                    )}
                    {rule.operatorControl && (
                      <>
                        <dt>Operator controlled from</dt>
                        <dd>{rule.operatorControl}</dd>
                      </>
                    )}
                    <dt>Legal basis</dt>
                    <dd className="legal-basis">{rule.legalBasis}</dd>
                  </dl>
                  <p className="hint">{rule.note}</p>
                </li>
              ))}
            </ol>
          </section>
          <section className="page-section" aria-labelledby="conditions-title">
            <h3 id="conditions-title">Conditions</h3>
            {data.conditions.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="policy-conditions">
                {data.conditions.map((c) => (
                  <li key={c.id}>
                    <span className="mono">{c.id}</span> — {c.label}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="page-section" aria-labelledby="groups-title">
            <h3 id="groups-title">Groups</h3>
            <table className="admin-table" aria-labelledby="groups-title">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Countries</th>
                </tr>
              </thead>
              <tbody>
                {policyGroups(data).map((group) => (
                  <tr key={group.name}>
                    <th scope="row">{group.name}</th>
                    <td>{group.countries.join(', ')}</td>
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
