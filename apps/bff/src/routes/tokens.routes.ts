import { Router } from 'express';
import { ApiTokenCreateSchema, IdSchema, type ApiTokenList } from '@corridor/shared';
import { parseInput, type Logger } from '@corridor/http-kit';
import { requirePermission } from '../identity/authorize.ts';
import type { TokenService } from '../identity/token-service.ts';

/**
 * API tokens (admin): `POST /api/tokens` (the secret is in this answer and nowhere else, ever),
 * `GET /api/tokens` (without secrets), `DELETE /api/tokens/:id` (revoked at once).
 */
export function tokenRoutes({ tokens, logger }: { tokens: TokenService; logger: Logger }): Router {
  const router = Router();
  const admin = requirePermission('identity:admin');

  router.post('/tokens', admin, async (req, res) => {
    const input = parseInput(ApiTokenCreateSchema, req.body, 'token');
    const created = await tokens.issue(input, req.principal!.username);
    logger.info({ actor: req.principal!.username, token: created.token.id, role: created.token.role, tenant: created.token.tenant }, 'API token issued');
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });

  router.get('/tokens', admin, async (_req, res) => {
    const body: ApiTokenList = { tokens: await tokens.list() };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.delete('/tokens/:id', admin, async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'token id');
    const token = await tokens.revoke(id);
    logger.info({ actor: req.principal!.username, token: id }, 'API token revoked');
    res.set('Cache-Control', 'no-store').json(token);
  });

  return router;
}
