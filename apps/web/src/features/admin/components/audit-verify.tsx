import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { selectKey } from '../model/select-key.ts';

/** Recomputes the chain on demand and shows what it found: intact or the first problem, and the anchor it was held to. */
export function AuditVerify() {
  const t = useT();
  const verify = useQuery(adminQueries.auditVerify());
  const result = verify.data;
  const brokenAt = result && (result.firstBroken ?? result.brokenAt);
  // The problem's words: one of the known kinds, or the generic one when the server names none.
  const problem = selectKey(result?.problem ?? 'none');
  return (
    <section className="page-section audit-verify" aria-labelledby="verify-title">
      <h3 id="verify-title">{t('admin.verify.title')}</h3>
      <div className="audit-verify-row">
        <button type="button" className="primary" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
          {verify.isFetching ? t('admin.verify.verifying') : result ? t('admin.verify.again') : t('admin.verify.run')}
        </button>
        <p className="muted">{t('admin.verify.explain')}</p>
      </div>
      {verify.isError && (
        <div className="form-alert" role="alert">
          <p>{t.rich('admin.verify.failed', { error: <bdi lang="en">{verify.error.message}</bdi> })}</p>
        </div>
      )}
      {result && (
        <div className={`verify-result ${result.ok ? 'ok' : 'broken'}`} role="status">
          <p className="verify-verdict">
            {result.ok
              ? t('admin.verify.intact', { count: result.checked ?? result.count })
              : brokenAt !== undefined
                ? // A record number is an identifier: written as the log writes it, not grouped.
                  t('admin.verify.brokenAt', { problem, seq: String(brokenAt) })
                : t('admin.verify.broken', { problem })}
          </p>
          {result.message && (
            <p>
              <bdi lang="en">{result.message}</bdi>
            </p>
          )}
          {!result.ok && result.checked !== undefined && <p className="muted">{t('admin.verify.checkedBefore', { count: result.checked })}</p>}
          <dl className="verify-facts">
            {result.headHash && (
              <>
                <dt>{t('admin.verify.head')}</dt>
                <dd className="mono">{result.headHash}</dd>
              </>
            )}
            <dt>{t('admin.verify.anchor')}</dt>
            <dd>
              {result.anchor ? (
                <>
                  {t('admin.verify.anchorText', { seq: String(result.anchor.seq), at: formatDateTime(result.anchor.at), zone: viewerZone(), keyId: result.anchor.keyId })}
                  <br />
                  <span className="mono">{result.anchor.hash}</span>
                </>
              ) : (
                <span className="muted">{t('admin.verify.noAnchor')}</span>
              )}
            </dd>
            {result.unkeyedBefore !== undefined && (
              <>
                <dt>{t('admin.verify.unkeyed')}</dt>
                <dd>{t('admin.verify.unkeyedText', { seq: String(result.unkeyedBefore) })}</dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
