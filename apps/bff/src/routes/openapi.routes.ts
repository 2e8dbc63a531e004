import { apiRoute } from './api-route.ts';

export interface OpenApiRouteDeps {
  /** The document as JSON text, built once. */
  openApiJson: () => string;
}

const route = apiRoute<OpenApiRouteDeps>();

/** `GET /api/openapi.json`: the API's OpenAPI 3.1 document, built from the routes on first request and then served as is. */
export const openApiRoutes = [
  route({
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    tag: 'meta',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 document of /api.', body: { type: 'object' } } },
    handler: ({ res, deps }) => {
      res.set('Cache-Control', 'no-cache');
      res.type('application/json').send(deps.openApiJson());
    },
  }),
];
