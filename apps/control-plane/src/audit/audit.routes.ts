import { Router } from 'express';
import { z } from 'zod';
import { parseInput, type ActingUser } from '@corridor/http-kit';
import { AuditQuerySchema, type AuditAction } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { forbidden, unauthorized } from '../auth/errors.ts';
import { listAudit, recordAudit, verifyAudit } from '../placement/audit-log.ts';

/** What the BFF records about sign-ins in the one audit log, so the chain covers who came and went. */
const IDENTITY_ACTIONS = ['login', 'login-failed', 'logout'] as const satisfies readonly AuditAction[];

const DetailValueSchema = z.union([
  z.string().max(200).refine((s) => !s.includes('\u0000'), 'must not contain the NUL character'),
  z.number(),
  z.boolean(),
  z.null(),
]);

/** `POST /v1/audit`: a login event. Small on purpose: a name, an outcome, a few facts such as the method. */
const IdentityEventSchema = z.strictObject({
  action: z.enum(IDENTITY_ACTIONS),
  // `user:(unknown)`: a failed sign-in before anyone was named (e.g. a forged OIDC callback); the
  // parentheses keep it from ever being a user name.
  subject: z.string().regex(/^user:([\w.@-]{1,64}|\(unknown\))$/, 'must be user:<username> or user:(unknown)'),
  detail: z
    .record(z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'keys are 1–40 letters, digits, _ or -'), DetailValueSchema)
    .refine((d) => Object.keys(d).length <= 10, 'holds at most 10 entries')
    .default({}),
});
type IdentityEvent = z.infer<typeof IdentityEventSchema>;

/**
 * Who the record names as actor. A login or logout is the acting user's own, about itself; a failed
 * login has no one signed in to act (the subject is the name that was tried).
 */
function actorOf(event: IdentityEvent, acting: ActingUser | undefined): string {
  if (event.action === 'login-failed') return acting?.username ?? 'anonymous';
  if (!acting) throw unauthorized(`a ${event.action} is recorded for the acting user: send a signed acting user`);
  if (event.subject !== `user:${acting.username}`) throw forbidden(`a ${event.action} is recorded about the acting user itself (user:${acting.username})`, 'subject');
  return acting.username;
}

/** The hash-chained audit log: read and verified for people with audit:read, appended to by the BFF for sign-ins. */
export function auditRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/audit', async (req, res) => {
    const page = parseInput(AuditQuerySchema, req.query, 'audit query');
    res.json(await listAudit(db, page));
  });

  router.get('/audit/verify', async (_req, res) => {
    res.json(await verifyAudit(db));
  });

  router.post('/audit', async (req, res) => {
    const event = parseInput(IdentityEventSchema, req.body, 'audit event');
    const actor = actorOf(event, req.actingUser);
    res.status(201).json(await recordAudit(db, { actor, ...event }, new Date()));
  });

  return router;
}
