import { Router } from 'express';
import { ConflictError, UserCreateSchema, UsernameSchema, type UserList } from '@corridor/shared';
import { parseInput, type Logger } from '@corridor/http-kit';
import { requirePermission } from '../identity/authorize.ts';
import type { SessionService } from '../identity/session-service.ts';
import type { UserStore } from '../identity/user-store.ts';

/**
 * Accounts (admin): `GET /api/users`, `POST /api/users` (a local account), `DELETE /api/users/:username`
 * (disables it and ends its sessions at once; accounts are never deleted, the audit log names them).
 */
export function userRoutes({ users, sessions, logger }: { users: UserStore; sessions: Pick<SessionService, 'forgetUser'>; logger: Logger }): Router {
  const router = Router();
  const admin = requirePermission('identity:admin');

  router.get('/users', admin, async (_req, res) => {
    const body: UserList = { users: await users.list() };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.post('/users', admin, async (req, res) => {
    const input = parseInput(UserCreateSchema, req.body, 'user');
    const user = await users.create(input);
    logger.info({ actor: req.principal!.username, user: user.username, role: user.role, tenant: user.tenant }, 'user created');
    res.status(201).set('Cache-Control', 'no-store').json(user);
  });

  router.delete('/users/:username', admin, async (req, res) => {
    const username = parseInput(UsernameSchema, req.params.username, 'username');
    // An admin who disabled themself could leave no one to undo it.
    if (username === req.principal!.username) throw new ConflictError('you cannot disable your own account');
    const user = await users.disable(username);
    sessions.forgetUser(username);
    logger.info({ actor: req.principal!.username, user: username }, 'user disabled, sessions ended');
    res.set('Cache-Control', 'no-store').json(user);
  });

  return router;
}
