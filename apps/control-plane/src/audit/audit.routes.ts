import { z } from 'zod';
import type { ActingUser } from '@corridor/http-kit';
import { allows, AuditListSchema, AuditQuerySchema, AuditRecordSchema, AuditVerificationSchema, ForbiddenError, UnauthorizedError, type AuditAction } from '@corridor/shared';
import { personWith, v1Route } from '../auth/route-access.ts';
import type { AuditService } from './audit-service.ts';

export interface AuditRouteDeps {
  audit: AuditService;
}

const route = v1Route<AuditRouteDeps>();

/** What the BFF records about sign-ins in the one audit log, so the chain covers who came and went. */
const IDENTITY_ACTIONS = ['login', 'login-failed', 'logout'] as const satisfies readonly AuditAction[];
/** Admin changes the BFF records before it makes them, with the admin as actor. */
const USER_ACTIONS = ['user-created', 'user-disabled'] as const satisfies readonly AuditAction[];
const TOKEN_ACTIONS = ['token-issued', 'token-revoked'] as const satisfies readonly AuditAction[];

const DetailValueSchema = z.union([
  z
    .string()
    .max(200)
    .refine((s) => !s.includes('\u0000'), 'must not contain the NUL character'),
  z.number(),
  z.boolean(),
  z.null(),
]);

const DetailSchema = z
  .record(z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'keys are 1–40 letters, digits, _ or -'), DetailValueSchema)
  .refine((d) => Object.keys(d).length <= 10, 'holds at most 10 entries')
  .default({});
const UserSubjectSchema = z.string().regex(/^user:[\w.@-]{1,64}$/, 'must be user:<username>');

/**
 * `POST /v1/audit`: a login event or an admin change. Small on purpose: a name, an outcome, a few facts
 * such as the method or the role given.
 */
const IdentityEventSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.enum(IDENTITY_ACTIONS),
    // `user:(unknown)`: a failed sign-in before anyone was named (e.g. a forged OIDC callback); the
    // parentheses keep it from ever being a user name.
    subject: z.string().regex(/^user:([\w.@-]{1,64}|\(unknown\))$/, 'must be user:<username> or user:(unknown)'),
    detail: DetailSchema,
  }),
  z.strictObject({ action: z.enum(USER_ACTIONS), subject: UserSubjectSchema, detail: DetailSchema }),
  z.strictObject({ action: z.enum(TOKEN_ACTIONS), subject: z.string().regex(/^token:[\w.-]{1,64}$/, 'must be token:<id>'), detail: DetailSchema }),
]);
type IdentityEvent = z.infer<typeof IdentityEventSchema>;
const isAdminAction = (action: AuditAction) => (USER_ACTIONS as readonly AuditAction[]).includes(action) || (TOKEN_ACTIONS as readonly AuditAction[]).includes(action);

/**
 * Who the record names as actor. A login or logout is the acting user's own, about itself; a failed
 * login has no one signed in to act (the subject is the name that was tried).
 */
function actorOf(event: IdentityEvent, acting: ActingUser | undefined): string {
  if (event.action === 'login-failed') return acting?.username ?? 'anonymous';
  if (!acting) throw new UnauthorizedError(`a ${event.action} is recorded for the acting user: send a signed acting user`);
  if (isAdminAction(event.action)) {
    // An admin change names the admin who made it; no one else may record one.
    if (!allows(acting.role, 'identity:admin')) throw new ForbiddenError(`a ${event.action} is recorded for an admin only`);
    return acting.username;
  }
  if (event.subject !== `user:${acting.username}`) {
    const message = `a ${event.action} is recorded about the acting user itself (user:${acting.username})`;
    throw new ForbiddenError(message, [{ field: 'subject', message }]);
  }
  return acting.username;
}

/** The hash-chained audit log: read and verified for people with audit:read, appended to by the BFF for sign-ins. */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/audit',
    access: personWith('audit:read'),
    tag: 'audit',
    summary: 'The audit log, newest first',
    request: { query: { schema: AuditQuerySchema, what: 'audit query' } },
    responses: { 200: { description: 'A page of records.', body: AuditListSchema } },
    handler: ({ query, deps }) => deps.audit.list(query),
  }),
  route({
    method: 'get',
    path: '/audit/verify',
    access: personWith('audit:read'),
    tag: 'audit',
    summary: "Recompute the audit log's hash chain",
    responses: { 200: { description: 'Whether the chain is intact, and where it breaks when it is not.', body: AuditVerificationSchema } },
    handler: ({ deps }) => deps.audit.verify(),
  }),
  route({
    method: 'post',
    path: '/audit',
    // Login events: a login or logout needs the acting user (checked by actorOf), a failed login none;
    // admin changes an acting admin.
    access: { person: 'optional' },
    tag: 'audit',
    summary: 'Record a sign-in, a failed sign-in, a sign-out, or an admin change (user created or disabled, token issued or revoked)',
    request: { body: { schema: IdentityEventSchema, what: 'audit event' } },
    responses: { 201: { description: 'The record, chained.', body: AuditRecordSchema } },
    errors: [401, 403],
    handler: ({ body, req, deps }) => deps.audit.record({ actor: actorOf(body, req.actingUser), ...body }, new Date()),
  }),
];
