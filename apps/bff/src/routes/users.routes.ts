import type { Logger } from '@corridor/http-kit';
import { ConflictError, UserCreateSchema, UserListSchema, UsernameSchema, UserSchema } from '@corridor/shared';
import type { SessionService } from '../identity/session-service.ts';
import type { UserStore } from '../identity/user-store.ts';
import { apiRoute, noStore } from './api-route.ts';

export interface UserRouteDeps {
  identity: { users: UserStore; sessions: Pick<SessionService, 'forgetUser'> };
  logger: Logger;
}

const route = apiRoute<UserRouteDeps>();

/**
 * Accounts (admin): list, create a local one, disable one (its sessions end at once; accounts are never
 * deleted, the audit log names them).
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
    errors: [409],
    handler: async ({ body, req, res, deps }) => {
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
    errors: [404, 409],
    handler: async ({ params: { username }, req, res, deps }) => {
      // An admin who disabled themself could leave no one to undo it.
      if (username === req.principal!.username) throw new ConflictError('you cannot disable your own account');
      const user = await deps.identity.users.disable(username);
      deps.identity.sessions.forgetUser(username);
      deps.logger.info({ actor: req.principal!.username, user: username }, 'user disabled, sessions ended');
      noStore(res);
      return user;
    },
  }),
];
