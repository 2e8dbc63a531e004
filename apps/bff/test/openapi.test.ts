import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Router } from 'express';
import { z } from 'zod';
import { mountRoutes } from '@corridor/http-kit';
import { LIMITS, WorkloadRequestSchema } from '@corridor/shared';
import { buildWorkloadRequest } from '@corridor/shared/testing';
import { createApp } from '../src/app.ts';
import { accessGate } from '../src/identity/authorize.ts';
import { buildOpenApiDocument, toOpenApiPath, type OpenApiDocument } from '../src/openapi.ts';
import { API_ROUTES } from '../src/routes/api-routes.ts';
import { bffConfig, sharedBffStore, silent, startBff } from './harness.ts';
import { mountedRoutes, OIDC_MOUNTED, type Layer } from './routes.ts';

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

function resolve(doc: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

const apiRoutes = async () => {
  const app = createApp({ config: bffConfig(['http://127.0.0.1:9'], { oidc: OIDC_MOUNTED }), logger: silent, db: await sharedBffStore() });
  const routes = mountedRoutes((app.router as unknown as { stack: Layer[] }).stack).filter((r) => r.includes(' /api/'));
  return { routes, close: app.close };
};

const goodRequest = buildWorkloadRequest();

describe('GET /api/openapi.json', () => {
  let bff: Awaited<ReturnType<typeof startBff>>;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    // The document needs no control plane: nothing listens on port 9.
    bff = await startBff(['http://127.0.0.1:9']);
    const res = await fetch(`${bff.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => bff?.close());

  it('is an OpenAPI 3.1 document whose every $ref resolves', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(doc, ref), ref).toBeTypeOf('object');
    for (const schema of Object.values(doc.components.schemas)) expect(schema).not.toHaveProperty('$schema');
  });

  it('documents exactly the /api routes the app mounts', async () => {
    const { routes, close } = await apiRoutes();
    await close();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    const mounted = routes.map((r) => {
      const [method, path] = r.split(' ');
      return `${method} ${toOpenApiPath(path!.replace(/^\/api/, ''))}`;
    });
    expect(mounted).toContain('post /api/workloads');
    expect(documented.sort()).toEqual([...new Set(mounted)].sort());
  });

  it('declares every path parameter, a success and the error body for each operation', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const { parameters = [], responses } = op as { parameters?: { name: string; in: string }[]; responses: Record<string, { $ref?: string }> };
        const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(
          parameters.filter((p) => p.in === 'path').map((p) => p.name),
          `${method} ${path}`,
        ).toEqual(named);
        // A JSON success, or the redirect of a browser navigation (OpenID Connect).
        expect(
          Object.keys(responses).some((s) => s.startsWith('2') || s === '302'),
          `${method} ${path}`,
        ).toBe(true);
        if (method !== 'get') {
          expect(parameters).toContainEqual(expect.objectContaining({ name: 'X-CSRF', in: 'header', required: true }));
          expect(responses['403']?.$ref).toBe('#/components/responses/Forbidden');
        }
      }
    }
    expect(doc.components.responses.BadRequest).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
    const commit = doc.paths['/api/workloads']!.post as { responses: Record<string, unknown> };
    expect(commit.responses['409']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/NoSiteFits' } } } });
  });

  it('says who may call each operation: sign-in by cookie or bearer token, 401 and 403 where they can happen', () => {
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.components.securitySchemes).toMatchObject({ session: { type: 'apiKey', in: 'cookie', name: 'corridor_session' }, bearer: { type: 'http', scheme: 'bearer' } });
    const publicOps: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const { security, responses, 'x-corridor-access': access } = op as { security?: unknown[]; responses: Record<string, unknown>; 'x-corridor-access': string };
        if (access === 'public') {
          publicOps.push(`${method} ${path}`);
          expect(security, `${method} ${path}`).toEqual([]);
        } else {
          expect(security, `${method} ${path}`).toBeUndefined();
          expect(responses['401'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/Unauthorized' });
          if (access !== 'signed-in') expect(responses['403'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/Forbidden' });
        }
      }
    }
    expect(publicOps.sort()).toEqual(['get /api/openapi.json', 'get /api/session/oidc/callback', 'get /api/session/oidc/start', 'get /api/session/providers', 'post /api/session']);
    expect(doc.info.description).toContain('`workloads:write`: operator, admin, tenant');
  });

  it('describes the latency model and every reason code', () => {
    expect(doc.info.description).toMatch(/measured/);
    expect(doc.info.description).toMatch(/great-circle distance × a route factor/);
    for (const code of ['JURISDICTION_NOT_ALLOWED', 'INSUFFICIENT_GPUS', 'LATENCY_OBJECTIVE']) expect(doc.info.description).toContain(`\`${code}\``);
  });

  it('states the limits and headers the server enforces, the 405s and where the API is served', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.info.description).toContain(`A JSON body is at most ${LIMITS.maxJsonBodyBytes} bytes`);
    expect(doc.info.description).toMatch(/405 a path asked with a method it does not take \(`Allow` lists those it does/);
    const commit = doc.paths['/api/workloads']!.post as { parameters: { name: string; required: boolean }[]; requestBody: { description: string }; responses: Record<string, unknown> };
    expect(commit.requestBody.description).toContain(String(LIMITS.maxJsonBodyBytes));
    expect(commit.responses['413']).toEqual({ $ref: '#/components/responses/PayloadTooLarge' });
    expect(commit.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, schema: expect.objectContaining({ pattern: expect.stringContaining('{1,255}') }) }),
    );
    expect(commit.parameters).toContainEqual(expect.objectContaining({ name: 'X-CSRF', description: expect.stringMatching(/session cookie.*bearer token is exempt/) }));
    const filter = doc.paths['/api/audit']!.get as { parameters: { name: string; schema: Record<string, unknown> }[] };
    expect(filter.parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ minimum: 1, maximum: expect.any(Number) });
  });

  it('refuses a route without access or docs, in the app and in the document', () => {
    const [sites] = API_ROUTES;
    const { access: _access, ...withoutAccess } = sites!;
    const mount = (route: unknown) => () => mountRoutes(Router(), [route as typeof sites & object], { deps: {} as never, gate: accessGate });
    expect(mount(withoutAccess)).toThrow(/GET \/sites says nobody may call it/);
    expect(mount({ ...sites, summary: '' })).toThrow(/GET \/sites has no summary/);
    expect(() => buildOpenApiDocument([{ ...sites!, tag: 'elsewhere' }])).toThrow(/GET \/sites has the tag "elsewhere"/);
  });

  it('has a request body schema that accepts and rejects what the zod schema does', () => {
    const plan = doc.paths['/api/placements/plan']!.post as { requestBody: { content: { 'application/json': { schema: { $ref: string } } } } };
    const documented = z.fromJSONSchema(resolve(doc, plan.requestBody.content['application/json'].schema.$ref) as z.core.JSONSchema.JSONSchema);
    const cases: unknown[] = [
      goodRequest,
      { ...goodRequest, conditions: ['sccs-signed'], weights: { carbon: 1 }, latency: { from: { lat: 33.57, lon: -7.59 }, maxRttMs: 5 } },
      { ...goodRequest, gpus: { count: 0 } },
      { ...goodRequest, dataOrigin: 'XX' },
      { ...goodRequest, tenant: 'Not A Slug' },
      { ...goodRequest, name: undefined },
      { ...goodRequest, latency: { from: { lat: 100, lon: 0 }, maxRttMs: 20 } },
    ];
    const verdicts = cases.map((c) => [documented.safeParse(c).success, WorkloadRequestSchema.safeParse(c).success]);
    expect(verdicts.map(([doc]) => doc)).toEqual([true, true, false, false, false, false, false]);
    for (const [byDoc, byZod] of verdicts) expect(byDoc).toBe(byZod);
  });
});
