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
      query: {
        schema: AuditQuerySchema,
        what: 'audit query',
        notes: {
          before: 'Only records with a lower sequence number (the previous page’s `nextBefore`).',
          limit: 'Records in one page.',
          action: 'Only records of this action (e.g. `commit`, `user-created`).',
          actor: 'Only records made by this actor (a user name, `system`, `simulator`).',
          from: 'Only records at or after this time (ISO 8601 with offset).',
          to: 'Only records before this time (ISO 8601 with offset).',
        },
      },
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
    description:
      'Recomputes every record’s HMAC with the audit keys and checks the chain against its last anchor (the head written outside the store). When not ok, `problem` names the tamper (`rewritten`, `deleted`, `truncated`, `anchor-mismatch`, `anchor-forged`, `unknown-key`) and `firstBroken` the first record it touched. Keep the `anchor` of each answer: a later chain that does not hold it was cut or rewritten.',
    responses: { 200: { description: 'Whether the chain is intact, the anchor it was checked against, and the first problem when it is not.', body: AuditVerificationSchema } },
    errors: UPSTREAM_ERRORS,
    handler: ({ res, deps }) => {
      noStore(res);
      return deps.audit.verify();
    },
  }),
];
