import type { ApiToken, ApiTokenCreated, Role } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { adminQueries } from '../api/admin-queries.ts';
import { useRevokeToken } from '../api/use-revoke-token.ts';
import { viewerZone } from '../model/audit-filter.ts';
import { ConfirmButton, LoadState } from './admin-ui.tsx';
import { TokenForm } from './token-form.tsx';
import { TokenSecret } from './token-secret.tsx';

/** API tokens: every one issued (never a secret), issue one (its secret shown once), revoke one. */
export function TokensPage({ roleLabels }: { roleLabels: Record<Role, string> }) {
  const t = useT();
  const tokens = useQuery(adminQueries.tokens());
  // The secret lives here, in this page's memory, until the person says they have it or leaves the page.
  const [issued, setIssued] = useState<ApiTokenCreated>();
  const list = tokens.data?.tokens;
  return (
    <main className="page admin-page" aria-labelledby="tokens-title">
      <div className="page-head">
        <h2 id="tokens-title">{t('admin.tokens.title')}</h2>
        <p className="muted" aria-live="polite">
          {list ? t('admin.tokens.count', { count: list.length, active: list.filter((token) => !token.revokedAt).length }) : ''}
        </p>
      </div>
      {issued && <TokenSecret name={issued.token.name} secret={issued.secret} onDone={() => setIssued(undefined)} />}
      <LoadState what="tokens" isPending={tokens.isPending} error={tokens.isError && !list ? tokens.error : null} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />
      {list && list.length === 0 && <p className="plan-empty">{t('admin.tokens.empty')}</p>}
      {list && list.length > 0 && <TokenTable tokens={list} roleLabels={roleLabels} asOfMs={tokens.dataUpdatedAt} />}
      <section className="page-section">
        <TokenForm roleLabels={roleLabels} onIssued={setIssued} />
      </section>
    </main>
  );
}

const isExpired = (token: ApiToken, nowMs: number) => !!token.expiresAt && Date.parse(token.expiresAt) <= nowMs;

/** `asOfMs`: when the list was fetched, the moment "expired" is judged at (render stays pure). */
function TokenTable({ tokens, roleLabels, asOfMs }: { tokens: ApiToken[]; roleLabels: Record<Role, string>; asOfMs: number }) {
  const t = useT();
  const revoke = useRevokeToken();
  const nowMs = asOfMs;
  const zone = viewerZone();
  return (
    <table className="admin-table" aria-label={t('admin.tokens.table')}>
      <thead>
        <tr>
          <th scope="col">{t('admin.tokens.name')}</th>
          <th scope="col">{t('admin.form.role')}</th>
          <th scope="col">{t('admin.form.tenant')}</th>
          <th scope="col">{t('admin.tokens.issuedBy')}</th>
          <th scope="col">{t('admin.tokens.issued', { zone })}</th>
          <th scope="col">{t('admin.tokens.expires')}</th>
          <th scope="col">{t('admin.tokens.lastUsed')}</th>
          <th scope="col">{t('admin.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('admin.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt || isExpired(token, nowMs) ? 'is-disabled' : undefined}>
            <th scope="row">
              {t.rich('admin.tokens.nameAndId', {
                name: token.name,
                id: token.id,
                code: (chunks) => (
                  <bdi key="id" className="muted mono">
                    {chunks}
                  </bdi>
                ),
              })}
            </th>
            <td>{roleLabels[token.role]}</td>
            <td>{token.tenant ? <bdi>{token.tenant}</bdi> : <span className="muted">{t('admin.none')}</span>}</td>
            <td>
              <bdi>{token.createdBy}</bdi>
            </td>
            <td>{formatDateTime(token.createdAt)}</td>
            <td>{token.expiresAt ? formatDateTime(token.expiresAt) : <span className="muted">{t('admin.tokens.never')}</span>}</td>
            <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">{t('admin.tokens.never')}</span>}</td>
            <td>{token.revokedAt ? t('admin.tokens.revokedAt', { at: formatDateTime(token.revokedAt) }) : isExpired(token, nowMs) ? t('admin.tokens.expired') : t('admin.active')}</td>
            <td>
              {!token.revokedAt && (
                <ConfirmButton
                  label={t('admin.tokens.revoke')}
                  subject={token.name}
                  question={t('admin.tokens.revokeQuestion', { name: token.name })}
                  consequence={t('admin.tokens.revokeConsequence')}
                  onConfirm={() => revoke.mutate(token.id)}
                  busy={revoke.isPending && revoke.variables === token.id}
                  error={revoke.isError && revoke.variables === token.id ? t('admin.tokens.revokeFailed', { error: revoke.error.message }) : undefined}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
