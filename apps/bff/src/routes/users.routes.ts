import type { Logger } from '@corridor/http-kit';
import { ConflictError, NotFoundError, UserCreateSchema, UserListSchema, UsernameSchema, UserSchema } from '@corridor/shared';
import type { IdentityAudit } from '../identity/identity-audit.ts';
import type { SessionService } from '../identity/session-service.ts';
import type { UserStore } from '../identity/user-store.ts';
import { apiRoute, noStore } from './api-route.ts';

export interface UserRouteDeps {
  identity: { users: UserStore; sessions: Pick<SessionService, 'forgetUser'>; audit: Pick<IdentityAudit, 'recordAdmin'> };
  logger: Logger;
}

const route = apiRoute<UserRouteDeps>();

/**
 * Accounts (admin): list, create a local one, disable one (its sessions end at once; accounts are never
 * deleted, the audit log names them). Each change is recorded in the audit chain before it is made, and
 * not made when it cannot be recorded (503).
 */
export const userRoutes = [
  route({
    method: 'get',
    path: '/users',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Every account, local and OpenID Connect, disabled ones too',
    responses: { 200: { description: 'The accounts.', body: UserListSchema } },
    handler: async ({ res, deps }) => {
      noStore(res);
      return { users: await deps.identity.users.list() };
    },
  }),
  route({
    method: 'post',
    path: '/users',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Create a local account',
    request: { body: { schema: UserCreateSchema, what: 'user' } },
    responses: { 201: { description: 'The account.', body: UserSchema } },
    errors: [409, 503],
    handler: async ({ body, req, res, deps }) => {
      // Checked before recording, so a taken name leaves no record (the insert still refuses a race).
      if (await deps.identity.users.find(body.username)) throw new ConflictError(`user "${body.username}" already exists`);
      await deps.identity.audit.recordAdmin('user-created', `user:${body.username}`, { role: body.role, tenant: body.tenant ?? null }, req.principal!);
      const user = await deps.identity.users.create(body);
      deps.logger.info({ actor: req.principal!.username, user: user.username, role: user.role, tenant: user.tenant }, 'user created');
      noStore(res);
      return user;
    },
  }),
  route({
    method: 'delete',
    path: '/users/:username',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Disable an account; its sessions end at once',
    request: { params: { username: { schema: UsernameSchema, what: 'username' } } },
    responses: { 200: { description: 'The account, disabled.', body: UserSchema } },
    errors: [404, 409, 503],
    handler: async ({ params: { username }, req, res, deps }) => {
      // An admin who disabled themself could leave no one to undo it.
      if (username === req.principal!.username) throw new ConflictError('you cannot disable your own account');
      const existing = await deps.identity.users.find(username);
      if (!existing) throw new NotFoundError(`no user "${username}"`);
      // Disabling twice changes nothing, so it is recorded once.
      if (!existing.disabledAt) await deps.identity.audit.recordAdmin('user-disabled', `user:${username}`, { role: existing.role, tenant: existing.tenant ?? null }, req.principal!);
      const user = await deps.identity.users.disable(username);
      deps.identity.sessions.forgetUser(username);
      deps.logger.info({ actor: req.principal!.username, user: username }, 'user disabled, sessions ended');
      noStore(res);
      return user;
    },
  }),
];
