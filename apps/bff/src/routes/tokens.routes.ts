import type { Logger } from '@corridor/http-kit';
import { ApiTokenCreatedSchema, ApiTokenCreateSchema, ApiTokenListSchema, ApiTokenSchema, IdSchema, NotFoundError } from '@corridor/shared';
import type { IdentityAudit } from '../identity/identity-audit.ts';
import { TOKEN_PREFIX, type TokenService } from '../identity/token-service.ts';
import { apiRoute, noStore } from './api-route.ts';

export interface TokenRouteDeps {
  identity: { tokens: TokenService; audit: Pick<IdentityAudit, 'recordAdmin'> };
  logger: Logger;
}

const route = apiRoute<TokenRouteDeps>();

/**
 * API tokens (admin): issue (the secret is in that answer and nowhere else, ever), list without secrets,
 * revoke at once. Each is recorded in the audit chain; when it cannot be, the answer is 503 and no token
 * can be used: an issued one is revoked before its secret leaves the BFF, a revoke is not made.
 */
export const tokenRoutes = [
  route({
    method: 'post',
    path: '/tokens',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Issue an API token',
    description: `The secret (\`${TOKEN_PREFIX}…\`) is in this answer only: it is stored hashed and cannot be shown again. The token acts with the role (and tenant) it is issued.`,
    request: { body: { schema: ApiTokenCreateSchema, what: 'token' } },
    responses: { 201: { description: 'The token and its secret.', body: ApiTokenCreatedSchema } },
    errors: [503],
    handler: async ({ body, req, res, deps }) => {
      const created = await deps.identity.tokens.issue(body, req.principal!.username);
      const { id, name, role, tenant, expiresAt } = created.token;
      try {
        await deps.identity.audit.recordAdmin('token-issued', `token:${id}`, { name, role, tenant: tenant ?? null, expiresAt: expiresAt ?? null }, req.principal!);
      } catch (error) {
        // The id is the token store's, so the record comes after the insert: undo what it made usable.
        await deps.identity.tokens.revoke(id);
        throw error;
      }
      deps.logger.info({ actor: req.principal!.username, token: created.token.id, role: created.token.role, tenant: created.token.tenant }, 'API token issued');
      noStore(res);
      return created;
    },
  }),
  route({
    method: 'get',
    path: '/tokens',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Every API token issued (never a secret)',
    responses: { 200: { description: 'The tokens.', body: ApiTokenListSchema } },
    handler: async ({ res, deps }) => {
      noStore(res);
      return { tokens: await deps.identity.tokens.list() };
    },
  }),
  route({
    method: 'delete',
    path: '/tokens/:id',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Revoke an API token, at once',
    request: { params: { id: { schema: IdSchema, what: 'token id' } } },
    responses: { 200: { description: 'The token, revoked.', body: ApiTokenSchema } },
    errors: [404, 503],
    handler: async ({ params, req, res, deps }) => {
      const existing = (await deps.identity.tokens.list()).find((t) => t.id === params.id);
      if (!existing) throw new NotFoundError(`no token "${params.id}"`);
      // Revoking twice changes nothing, so it is recorded once.
      if (!existing.revokedAt) await deps.identity.audit.recordAdmin('token-revoked', `token:${params.id}`, { name: existing.name, role: existing.role }, req.principal!);
      const token = await deps.identity.tokens.revoke(params.id);
      deps.logger.info({ actor: req.principal!.username, token: params.id }, 'API token revoked');
      noStore(res);
      return token;
    },
  }),
];
