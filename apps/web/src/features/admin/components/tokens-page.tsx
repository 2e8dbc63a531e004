import type { ApiToken, ApiTokenCreated, Role } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { useRevokeToken } from '../api/use-revoke-token.ts';
import { viewerZone } from '../model/audit-filter.ts';
import { ConfirmButton, LoadState } from './admin-ui.tsx';
import { TokenForm } from './token-form.tsx';
import { TokenSecret } from './token-secret.tsx';

/** API tokens: every one issued (never a secret), issue one (its secret shown once), revoke one. */
export function TokensPage({ roleLabels }: { roleLabels: Record<Role, string> }) {
  const tokens = useQuery(adminQueries.tokens());
  // The secret lives here, in this page's memory, until the person says they have it or leaves the page.
  const [issued, setIssued] = useState<ApiTokenCreated>();
  const list = tokens.data?.tokens;
  return (
    <main className="page admin-page" aria-labelledby="tokens-title">
      <div className="page-head">
        <h2 id="tokens-title">API tokens</h2>
        <p className="muted" aria-live="polite">
          {list ? `${formatCount(list.length)} issued · ${formatCount(list.filter((t) => !t.revokedAt).length)} active` : ''}
        </p>
      </div>
      {issued && <TokenSecret name={issued.token.name} secret={issued.secret} onDone={() => setIssued(undefined)} />}
      <LoadState what="The tokens" isPending={tokens.isPending} error={tokens.isError && !list ? tokens.error : null} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />
      {list && list.length === 0 && <p className="plan-empty">No token issued yet. A token lets a program call the API with the role it is given.</p>}
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
  const revoke = useRevokeToken();
  const nowMs = asOfMs;
  const zone = viewerZone();
  return (
    <table className="admin-table" aria-label="API tokens">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Tenant</th>
          <th scope="col">Issued by</th>
          <th scope="col">Issued ({zone})</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt || isExpired(token, nowMs) ? 'is-disabled' : undefined}>
            <th scope="row">
              {token.name} <span className="muted mono">{token.id}</span>
            </th>
            <td>{roleLabels[token.role]}</td>
            <td>{token.tenant ?? <span className="muted">—</span>}</td>
            <td>{token.createdBy}</td>
            <td>{formatDateTime(token.createdAt)}</td>
            <td>{token.expiresAt ? formatDateTime(token.expiresAt) : <span className="muted">Never</span>}</td>
            <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">Never</span>}</td>
            <td>{token.revokedAt ? `Revoked ${formatDateTime(token.revokedAt)}` : isExpired(token, nowMs) ? 'Expired' : 'Active'}</td>
            <td>
              {!token.revokedAt && (
                <ConfirmButton
                  label="Revoke"
                  subject={token.name}
                  question={`Revoke the token “${token.name}”?`}
                  consequence="Every program using it is refused from its next request on. This cannot be undone: issue a new token instead."
                  onConfirm={() => revoke.mutate(token.id)}
                  busy={revoke.isPending && revoke.variables === token.id}
                  error={revoke.isError && revoke.variables === token.id ? `Not revoked: ${revoke.error.message}` : undefined}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
