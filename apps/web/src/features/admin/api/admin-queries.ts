import { ApiTokenListSchema, AuditListSchema, AuditVerificationSchema, PolicySchema, UserListSchema } from '@corridor/shared';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { placementKeys } from '../../../lib/query-keys.ts';
import { auditQueryString, type AuditFilter } from '../model/audit-filter.ts';

/** Records in one page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

const adminKeys = {
  all: () => ['admin'] as const,
  users: () => [...adminKeys.all(), 'users'] as const,
  tokens: () => [...adminKeys.all(), 'tokens'] as const,
  audit: () => [...adminKeys.all(), 'audit'] as const,
  auditPages: (filter: AuditFilter) => [...adminKeys.audit(), 'pages', filter] as const,
  auditVerify: () => [...adminKeys.audit(), 'verify'] as const,
};

/**
 * Query options for the admin views: accounts, API tokens, the audit log (pages keyed by its filters,
 * older pages by the previous page's `nextBefore`) and its verification, and the policy (the placement
 * form's cache entry: one key, so the two never disagree). Identity and audit data are never cached long.
 */
export const adminQueries = {
  all: adminKeys.all,
  users: () => queryOptions({ queryKey: adminKeys.users(), queryFn: ({ signal }) => apiGet('/api/users', UserListSchema, signal) }),
  tokens: () => queryOptions({ queryKey: adminKeys.tokens(), queryFn: ({ signal }) => apiGet('/api/tokens', ApiTokenListSchema, signal) }),
  audit: adminKeys.audit,
  auditPages: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: adminKeys.auditPages(filter),
      queryFn: ({ pageParam, signal }) => apiGet(`/api/audit${auditQueryString(filter, pageParam, AUDIT_PAGE_SIZE)}`, AuditListSchema, signal),
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (last) => last.nextBefore,
    }),
  /** Asked when the person presses Verify (it recomputes the whole chain), and again on each press. */
  auditVerify: () => queryOptions({ queryKey: adminKeys.auditVerify(), queryFn: ({ signal }) => apiGet('/api/audit/verify', AuditVerificationSchema, signal), enabled: false, staleTime: 0 }),
  policy: () =>
    queryOptions({
      queryKey: placementKeys.policy(),
      queryFn: ({ signal }) => apiGet('/api/policy', PolicySchema, signal),
      // The pack changes with a deployment.
      staleTime: 5 * 60_000,
    }),
};
