import { Router } from 'express';
import { buildOpenApiDocument } from '../openapi.ts';

/** `GET /api/openapi.json`: the API's OpenAPI 3.1 document, built on first request and then served as is. */
export function openApiRoutes(): Router {
  const router = Router();
  let body: string | undefined;
  router.get('/openapi.json', (_req, res) => {
    body ??= JSON.stringify(buildOpenApiDocument());
    res.set('Cache-Control', 'no-cache');
    res.type('application/json').send(body);
  });
  return router;
}
