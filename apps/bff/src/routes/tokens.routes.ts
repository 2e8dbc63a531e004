import type { Logger } from '@corridor/http-kit';
import { ApiTokenCreatedSchema, ApiTokenCreateSchema, ApiTokenListSchema, ApiTokenSchema, IdSchema } from '@corridor/shared';
import { TOKEN_PREFIX, type TokenService } from '../identity/token-service.ts';
import { apiRoute, noStore } from './api-route.ts';

export interface TokenRouteDeps {
  identity: { tokens: TokenService };
  logger: Logger;
}

const route = apiRoute<TokenRouteDeps>();

/** API tokens (admin): issue (the secret is in that answer and nowhere else, ever), list without secrets, revoke at once. */
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
    handler: async ({ body, req, res, deps }) => {
      const created = await deps.identity.tokens.issue(body, req.principal!.username);
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
    errors: [404],
    handler: async ({ params, req, res, deps }) => {
      const token = await deps.identity.tokens.revoke(params.id);
      deps.logger.info({ actor: req.principal!.username, token: params.id }, 'API token revoked');
      noStore(res);
      return token;
    },
  }),
];
