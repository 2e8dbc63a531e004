import { AuditListSchema, AuditQuerySchema, AuditVerificationSchema } from '@corridor/shared';
import type { AuditService } from '../services/audit-service.ts';
import { apiRoute, noStore, UPSTREAM_ERRORS } from './api-route.ts';

export interface AuditRouteDeps {
  audit: AuditService;
}

const route = apiRoute<AuditRouteDeps>();

/** The hash-chained audit log: a page of it, and its verification. It grows with every plan, commit and sign-in: never cached. */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/audit',
    access: 'audit:read',
    tag: 'policy',
    summary: 'The audit log, newest first',
    request: {
      query: { schema: AuditQuerySchema, what: 'audit query', notes: { before: 'Only records with a lower sequence number (the previous page’s `nextBefore`).', limit: 'Records in one page.' } },
    },
    responses: { 200: { description: 'A page of records.', body: AuditListSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ query, res, deps }) => {
      noStore(res);
      return deps.audit.list(query);
    },
  }),
  route({
    method: 'get',
    path: '/audit/verify',
    access: 'audit:read',
    tag: 'policy',
    summary: "Recompute the audit log's hash chain",
    responses: { 200: { description: 'Whether the chain is intact, and where it breaks when it is not.', body: AuditVerificationSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.audit.verify();
    },
  }),
];
