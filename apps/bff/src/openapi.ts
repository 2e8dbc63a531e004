import { z } from 'zod';
import { ErrorBodySchema, LATENCY_MODEL, LIMITS, PERMISSIONS, REASON_CODES, StreamEventSchema, type ReasonCode } from '@corridor/shared';
import type { ErrorStatus, ResponseSpec } from '@corridor/http-kit';
import pkg from '../package.json' with { type: 'json' };
import type { ApiAccess } from './identity/authorize.ts';
import { SESSION_COOKIE } from './identity/session-service.ts';
import { TOKEN_PREFIX } from './identity/token-service.ts';
import { CSRF_HEADER } from './middleware/csrf.ts';
import { canRefuse, componentName, components, schemaRef, toSchemaObject, type JsonSchema } from './openapi-schemas.ts';
import { API_ROUTES } from './routes/api-routes.ts';
import type { ApiRoute } from './routes/api-route.ts';

/** The OpenAPI 3.1 document, as far as Corridor uses it. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  security: Record<string, string[]>[];
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** What each reason code means; typed by the codes, so a new code without an explanation fails to compile. */
export const REASON_CODE_MEANINGS: Record<ReasonCode, string> = {
  JURISDICTION_NOT_ALLOWED: "the site's country is not among those the matching policy rules allow for this data (given the conditions the request affirms)",
  OPERATOR_CONTROL: "the site's operator is controlled from a jurisdiction the policy bars (e.g. a US-controlled operator, reachable by the CLOUD Act)",
  CERTIFICATION_MISSING: 'the site lacks a certification the policy requires (e.g. SecNumCloud, HDS)',
  SITE_NOT_OPERATIONAL: 'the site is planned, under construction, in maintenance or offline (or is the site a migration leaves)',
  INSUFFICIENT_GPUS: 'too few free GPUs of the model asked for (or of any one model); the margin says how many are needed and free',
  GPU_MODEL_UNAVAILABLE: 'the site has no cluster of the GPU model asked for',
  POWER_HEADROOM: "the workload's IT power exceeds what is left of the site's IT capacity; the margin is in kW",
  LATENCY_OBJECTIVE: 'the estimated round trip from the objective’s place exceeds `maxRttMs`; the margin is in ms',
};
function describeApi(routes: readonly ApiRoute<unknown>[]): string {
  const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `\`${r.method.toUpperCase()} ${toOpenApiPath(r.path)}\``);
  return `The console's API (the BFF). The browser calls it on its own origin; the BFF calls the control planes and
parses every answer with the shared schemas before it presents it.

**Sign-in.** Every route needs a principal except ${publicRoutes.join(', ')}. A browser signs in with \`POST /api/session\` (or "sign in with your organisation") and
is then known by the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, Secure behind https); a session ends after
a spell without requests or a fixed time after sign-in, whichever comes first. A program sends an API token that an
admin issued: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Without either, or with an ended session, a route answers 401 (JSON,
never a redirect).

**Roles.** Each route needs one permission; a role without it gets 403 naming the permission:
${Object.entries(PERMISSIONS)
  .map(([permission, roles]) => `- \`${permission}\`: ${roles.join(', ')}`)
  .join('\n')}

A \`tenant\` principal sees and acts on its own tenant's workloads only: its list is confined to its tenant (a filter
for another tenant matches nothing), another tenant's workload answers 404 as an unknown one does, and a plan or
commit naming another tenant is a 403 naming \`tenant\`.

**Errors** have one body: \`{ "error": { "code", "message", "fields"?, "requestId"? } }\`. 400 names every bad
field in \`error.fields\` (nothing is held or recorded); 401 no (or an ended) session or token; 403 a write without
\`${CSRF_HEADER}: 1\` or a role without the permission; 404 an unknown resource; 409 a conflict (a commit that no site fits
also carries the plan); 405 a path asked with a method it does not take (\`Allow\` lists those it does; \`OPTIONS\`
answers 204 with the same header); 413 a body over the limit; 429 too many failed sign-ins; 502 a control plane that broke the contract; 503 a control plane
that is unreachable or did not answer within ${LIMITS.upstreamTimeoutMs} ms.

**Writes** (POST, DELETE) need the header \`${CSRF_HEADER}: 1\`, the sign-in too; a request with a bearer token is exempt
(a browser never sends one by itself). The BFF tells the control plane who acts (signed), and it is recorded in the
audit log with every sign-in, failed sign-in and sign-out. Writes are never retried by the BFF: send an
\`Idempotency-Key\` with a commit to retry it safely.

**Limits.** A JSON body is at most ${LIMITS.maxJsonBodyBytes} bytes (413 beyond). Every other limit the server checks (ranges,
lengths, patterns, sizes of lists) is in the schemas of this document, which are generated from the ones it parses with.

**Placement** (plans, workloads, capacity, policy, audit) is answered by one control plane, the placer (the first of
\`CONTROL_PLANE_URLS\`): a plan is committed where it was made, and a workload's reservation, plan and audit trail live
in the store that placed it.

**Plans** cover every site of the fleet: a candidate with its score (0–1, weighted parts: latency, carbon, cost,
capacity) or rejected with all of its reasons. Reason codes (stable; new ones may be added):
${REASON_CODES.map((code) => `- \`${code}\`: ${REASON_CODE_MEANINGS[code]}`).join('\n')}

**Latency model.** ${LATENCY_MODEL}

Policy rules and their legal bases are illustrative, not legal advice.`;
}

const TAGS = [
  { name: 'fleet', description: 'Sites, links and totals, federated over every control plane.' },
  { name: 'live', description: 'Live telemetry: a snapshot, then server-sent events.' },
  { name: 'telemetry', description: 'Metric history of a site or link.' },
  { name: 'placement', description: 'Where a workload may lawfully run, and where it is best.' },
  { name: 'workloads', description: 'Committed workloads: reservations and their lifecycle.' },
  { name: 'capacity', description: 'The capacity ledger and energy, by site, country, bloc or network (CSV with Accept: text/csv).' },
  { name: 'policy', description: 'The policy pack and the hash-chained audit log.' },
  { name: 'alerts', description: 'Alerts from the rules of data/alerts/, their acknowledgement, silences, and the rules themselves.' },
  { name: 'maintenance', description: 'Maintenance windows on sites and links, and drains: a dry run of every lawful move off a site, executed as one batch.' },
  { name: 'timeline', description: 'What happened, in order: alerts, faults, health, maintenance, drains, migrations, commits, releases (a tenant: its own workloads only).' },
  { name: 'session', description: 'Signing in and out; who is signed in.' },
  { name: 'admin', description: 'Accounts and API tokens (admin only).' },
  { name: 'meta', description: 'The BFF itself.' },
] as const;

/** The one error body's answers, by status; an operation refers to those it may give. */
const ERROR_RESPONSES: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Invalid request: `error.fields` names every bad field; nothing was held or recorded.' },
  401: { name: 'Unauthorized', description: 'No session or API token, or an ended session, a revoked or expired token.' },
  403: { name: 'Forbidden', description: `A write without the \`${CSRF_HEADER}: 1\` header, or a role without the permission the route needs (named in the message).` },
  404: { name: 'NotFound', description: 'No such resource.' },
  405: { name: 'MethodNotAllowed', description: 'The path does not take this method: `Allow` lists the methods it does.' },
  409: { name: 'Conflict', description: 'The request conflicts with the current state.' },
  413: { name: 'PayloadTooLarge', description: `The body is over ${LIMITS.maxJsonBodyBytes} bytes.` },
  415: { name: 'UnsupportedMediaType', description: 'The body is not in a format this operation reads.' },
  429: { name: 'TooManyRequests', description: 'Too many failed sign-ins from this address or for this name: `Retry-After` says when to try again.' },
  500: { name: 'Internal', description: 'A fault of the BFF itself; the request id finds it in the log.' },
  502: { name: 'BadGateway', description: 'A control plane failed, or answered with a body that breaks the contract.' },
  503: { name: 'ServiceUnavailable', description: `A control plane is unreachable or did not answer within ${LIMITS.upstreamTimeoutMs} ms.` },
};

/** Schemas referred to by name only: the one error body, and the events of `GET /api/stream`. */
const NAMED_BY_REFERENCE = [ErrorBodySchema, StreamEventSchema];

/** `/workloads/:id` → `/api/workloads/{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return `/api${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}

/** Named schemas met while building, by the way they are described: requests as sent, answers as received. */
interface Named {
  input: Map<string, z.ZodType>;
  output: Map<string, z.ZodType>;
}

/** A body: a reference when its schema is a named one (collected into `named`), else the schema itself. */
function content(body: ResponseSpec['body'], contentType: string, io: 'input' | 'output', named: Named): JsonSchema {
  if (body === undefined) return {};
  const name = body instanceof z.ZodType ? componentName(body) : undefined;
  if (name) named[io].set(name, body as z.ZodType);
  return { content: { [contentType]: { schema: name ? schemaRef(name) : toSchemaObject(body, io) } } };
}

function parameters(route: ApiRoute<unknown>): JsonSchema[] {
  const { params = {}, query, headers = {} } = route.request ?? {};
  const inPath = Object.entries(params).map(([name, part]) => ({
    name,
    in: 'path',
    required: true,
    ...(part.description ? { description: part.description } : {}),
    schema: toSchemaObject(part.schema, 'input'),
  }));
  const queryObject = query ? (toSchemaObject(query.schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }) : {};
  const inQuery = Object.entries(queryObject.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: queryObject.required?.includes(name) ?? false,
    ...(query?.notes?.[name] ? { description: query.notes[name] } : {}),
    schema,
  }));
  const csrf = {
    name: CSRF_HEADER,
    in: 'header',
    required: true,
    description: 'Proves the request comes from the console’s origin: needed on every write signed in by the session cookie (a request with a bearer token is exempt).',
    schema: { type: 'string', const: '1' },
  };
  const conditional = { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of the copy held: 304 when it is current.', schema: { type: 'string' } };
  const inHeader = Object.entries(headers).map(([name, part]) => ({
    name,
    in: 'header',
    required: part.schema.safeParse(undefined).success === false,
    ...(part.description ? { description: part.description } : {}),
    schema: toSchemaObject(part.schema, 'input'),
  }));
  return [...inPath, ...inQuery, ...(route.method === 'get' ? [] : [csrf]), ...(route.responses[304] ? [conditional] : []), ...inHeader];
}

/**
 * The errors an operation may answer: its own, and those its declaration implies: 400 when an input can
 * be refused, 401 unless public, 403 for a permission or a write (CSRF), 413 for a body.
 */
function errorStatuses(route: ApiRoute<unknown>): ErrorStatus[] {
  const { params = {}, query, headers = {}, body } = route.request ?? {};
  const parts = [...Object.values(params), ...Object.values(headers), ...(query ? [query] : []), ...(body ? [body] : [])];
  const implied: ErrorStatus[] = [
    ...(parts.some((p) => canRefuse(p.schema)) ? [400 as const] : []),
    ...(route.access === 'public' ? [] : [401 as const]),
    ...((route.access !== 'public' && route.access !== 'signed-in') || route.method !== 'get' ? [403 as const] : []),
    ...(body ? [413 as const] : []),
  ];
  return [...new Set([...(route.errors ?? []), ...implied])].sort((a, b) => a - b);
}

function accessNote(access: ApiAccess): string {
  if (access === 'public') return 'No sign-in needed.';
  if (access === 'signed-in') return 'Any signed-in principal.';
  if (access === 'person') return 'A person signed in to the console (session cookie), for themselves; an API token gets 403.';
  return `Needs \`${access}\` (${PERMISSIONS[access].join(', ')}).`;
}

function operationObject(route: ApiRoute<unknown>, named: Named): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(route.responses) as [string, ResponseSpec][]) {
    responses[status] = { description: spec.description, ...content(spec.body, spec.contentType ?? 'application/json', 'output', named) };
  }
  for (const status of errorStatuses(route)) {
    const special = route.errorBodies?.[status];
    responses[status] = special
      ? { description: special.description, ...content(special.body, 'application/json', 'output', named) }
      : { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  }
  const params = parameters(route);
  const body = route.request?.body;
  return {
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, accessNote(route.access)].filter(Boolean).join('\n\n'),
    'x-corridor-access': route.access,
    ...(route.access === 'public' ? { security: [] } : {}),
    operationId: `${route.method}${route.path.replace(/[/:.](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: { required: true, description: `JSON, at most ${LIMITS.maxJsonBodyBytes} bytes.`, ...content(body.schema, 'application/json', 'input', named) } } : {}),
    responses,
  };
}

/** Every $ref to a shared error response in the paths, so only those are listed. */
function errorResponsesUsed(paths: OpenApiDocument['paths']): Record<string, JsonSchema> {
  const used = new Set(JSON.stringify(paths).match(/#\/components\/responses\/\w+/g) ?? []);
  return Object.fromEntries(
    Object.values(ERROR_RESPONSES)
      .filter(({ name }) => used.has(`#/components/responses/${name}`))
      .map(({ name, description }) => [name, { description, content: { 'application/json': { schema: schemaRef('ErrorBody') } } }]),
  );
}

/** The OpenAPI 3.1 document of every /api route, generated from the routes' declarations and the shared zod schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute<unknown>[] = API_ROUTES): OpenApiDocument {
  const named: Named = { input: new Map(), output: new Map(NAMED_BY_REFERENCE.map((s) => [componentName(s)!, s])) };
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    if (!TAGS.some((t) => t.name === route.tag)) throw new Error(`${route.method.toUpperCase()} ${route.path} has the tag "${route.tag}", which the document does not describe`);
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = operationObject(route, named);
  }
  const clash = [...named.input.keys()].filter((name) => named.output.has(name));
  if (clash.length) throw new Error(`schemas both sent and received cannot share a component: ${clash.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: { title: 'Corridor console API', version: pkg.version, description: describeApi(routes) },
    servers: [{ url: '/', description: 'The BFF that served this document: the console and its API share one origin.' }],
    tags: [...TAGS],
    paths,
    security: [{ session: [] }, { bearer: [] }],
    components: {
      schemas: { ...components(named.output, 'output'), ...components(named.input, 'input') },
      responses: errorResponsesUsed(paths),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session a browser gets from `POST /api/session` (or OpenID Connect).' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: `${TOKEN_PREFIX}<secret>`, description: `An API token an admin issued (\`POST /api/tokens\`); exempt from \`${CSRF_HEADER}\`.` },
      },
    },
  };
}
