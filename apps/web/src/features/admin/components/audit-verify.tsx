import type { AuditVerification } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { adminQueries } from '../api/admin-queries.ts';

const PROBLEM_WORDS: Record<NonNullable<AuditVerification['problem']>, string> = {
  rewritten: 'A record was rewritten',
  deleted: 'A record was deleted',
  truncated: 'Records at the end are gone',
  'anchor-mismatch': 'The chain does not hold its anchor',
  'anchor-forged': 'The anchor file was changed',
  'unknown-key': 'A record was keyed with an unknown key',
};

/** Recomputes the chain on demand and shows what it found: intact or the first problem, and the anchor it was held to. */
export function AuditVerify() {
  const verify = useQuery(adminQueries.auditVerify());
  const result = verify.data;
  return (
    <section className="page-section audit-verify" aria-labelledby="verify-title">
      <h3 id="verify-title">Integrity</h3>
      <div className="audit-verify-row">
        <button type="button" className="primary" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
          {verify.isFetching ? 'Verifying…' : result ? 'Verify again' : 'Verify the chain'}
        </button>
        <p className="muted">Recomputes every record’s hash and checks the chain against its last anchor, written outside the database.</p>
      </div>
      {verify.isError && (
        <div className="form-alert" role="alert">
          <p>The verification could not be run: {verify.error.message}</p>
        </div>
      )}
      {result && (
        <div className={`verify-result ${result.ok ? 'ok' : 'broken'}`} role="status">
          <p className="verify-verdict">
            {result.ok
              ? `Intact: ${formatCount(result.checked ?? result.count)} records checked.`
              : `Broken: ${result.problem ? PROBLEM_WORDS[result.problem] : 'the chain does not verify'}${(result.firstBroken ?? result.brokenAt) !== undefined ? ` at record ${result.firstBroken ?? result.brokenAt}` : ''}.`}
          </p>
          {result.message && <p>{result.message}</p>}
          {!result.ok && result.checked !== undefined && <p className="muted">{formatCount(result.checked)} records checked before the first problem.</p>}
          <dl className="verify-facts">
            {result.headHash && (
              <>
                <dt>Head</dt>
                <dd className="mono">{result.headHash}</dd>
              </>
            )}
            <dt>Anchor</dt>
            <dd>
              {result.anchor ? (
                <>
                  record {result.anchor.seq}, written {formatDateTime(result.anchor.at)}, key {result.anchor.keyId}
                  <br />
                  <span className="mono">{result.anchor.hash}</span>
                </>
              ) : (
                <span className="muted">None yet</span>
              )}
            </dd>
            {result.unkeyedBefore !== undefined && (
              <>
                <dt>Unkeyed</dt>
                <dd>records before {result.unkeyedBefore} predate the key (checked with plain SHA-256)</dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
