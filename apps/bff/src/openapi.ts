import { z } from 'zod';
import {
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenListSchema,
  ApiTokenSchema,
  AuditQuerySchema,
  IdempotencyKeySchema,
  AuditListSchema,
  AuditVerificationSchema,
  CapacitySchema,
  ConsoleStatusSchema,
  ErrorBodySchema,
  FleetSummarySchema,
  IdSchema,
  LIMITS,
  LinkListSchema,
  LinkSeriesQuerySchema,
  LiveSnapshotSchema,
  LoginProvidersSchema,
  LoginRequestSchema,
  NoSiteFitsSchema,
  PERMISSIONS,
  LATENCY_MODEL,
  PlanSchema,
  PolicySchema,
  REASON_CODES,
  SeriesSchema,
  SessionViewSchema,
  SiteDetailSchema,
  SiteRowListSchema,
  SiteSeriesQuerySchema,
  StreamEventSchema,
  UserCreateSchema,
  UsernameSchema,
  UserListSchema,
  UserSchema,
  WorkloadDetailSchema,
  WorkloadFilterSchema,
  WorkloadListSchema,
  WorkloadRequestSchema,
  WorkloadSchema,
  type Permission,
  type ReasonCode,
} from '@corridor/shared';
import pkg from '../package.json' with { type: 'json' };
import { OIDC_CALLBACK_PATH, OIDC_START_PATH } from './identity/oidc-config.ts';
import { SESSION_COOKIE } from './identity/session-service.ts';
import { TOKEN_PREFIX } from './identity/token-service.ts';
import { CSRF_HEADER } from './middleware/csrf.ts';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document, as far as Corridor uses it. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  security: Record<string, string[]>[];
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** What the BFF answers with, by the name each carries in `components.schemas` (zod output types). */
const RESPONSE_SCHEMAS = {
  ErrorBody: ErrorBodySchema,
  SiteRowList: SiteRowListSchema,
  SiteDetail: SiteDetailSchema,
  LinkList: LinkListSchema,
  FleetSummary: FleetSummarySchema,
  ConsoleStatus: ConsoleStatusSchema,
  LiveSnapshot: LiveSnapshotSchema,
  StreamEvent: StreamEventSchema,
  Series: SeriesSchema,
  Plan: PlanSchema,
  NoSiteFits: NoSiteFitsSchema,
  Workload: WorkloadSchema,
  WorkloadList: WorkloadListSchema,
  WorkloadDetail: WorkloadDetailSchema,
  Policy: PolicySchema,
  AuditList: AuditListSchema,
  AuditVerification: AuditVerificationSchema,
  Capacity: CapacitySchema,
  SessionView: SessionViewSchema,
  LoginProviders: LoginProvidersSchema,
  User: UserSchema,
  UserList: UserListSchema,
  ApiToken: ApiTokenSchema,
  ApiTokenList: ApiTokenListSchema,
  ApiTokenCreated: ApiTokenCreatedSchema,
} satisfies Record<string, z.ZodType>;
type ResponseName = keyof typeof RESPONSE_SCHEMAS;

/** What a client sends, by component name (zod input types: fields with defaults are optional). */
const REQUEST_SCHEMAS = { WorkloadRequest: WorkloadRequestSchema, LoginRequest: LoginRequestSchema, UserCreate: UserCreateSchema, ApiTokenCreate: ApiTokenCreateSchema } satisfies Record<string, z.ZodType>;
type RequestName = keyof typeof REQUEST_SCHEMAS;

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
const DESCRIPTION = `The console's API (the BFF). The browser calls it on its own origin; the BFF calls the control planes and
parses every answer with the shared schemas before it presents it.

**Sign-in.** Every route needs a principal except \`GET /api/session/providers\`, \`POST /api/session\`, the OpenID Connect
routes and this document. A browser signs in with \`POST /api/session\` (or "sign in with your organisation") and
is then known by the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, Secure behind https); a session ends after
a spell without requests or a fixed time after sign-in, whichever comes first. A program sends an API token that an
admin issued: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Without either, or with an ended session, a route answers 401 (JSON,
never a redirect).

**Roles.** Each route needs one permission; a role without it gets 403 naming the permission:
${Object.entries(PERMISSIONS).map(([permission, roles]) => `- \`${permission}\`: ${roles.join(', ')}`).join('\n')}

A \`tenant\` principal sees and acts on its own tenant's workloads only: its list is confined to its tenant (a filter
for another tenant matches nothing), another tenant's workload answers 404 as an unknown one does, and a plan or
commit naming another tenant is a 403 naming \`tenant\`.

**Errors** have one body: \`{ "error": { "code", "message", "fields"?, "requestId"? } }\`. 400 names every bad
field in \`error.fields\` (nothing is held or recorded); 401 no (or an ended) session or token; 403 a write without
\`${CSRF_HEADER}: 1\` or a role without the permission; 404 an unknown resource; 409 a conflict (a commit that no site fits
also carries the plan); 429 too many failed sign-ins; 502 a control plane that broke the contract; 503 a control plane
that is unreachable or did not answer within ${LIMITS.upstreamTimeoutMs} ms.

**Writes** (POST, DELETE) need the header \`${CSRF_HEADER}: 1\`, the sign-in too; a request with a bearer token is exempt
(a browser never sends one by itself). The BFF tells the control plane who acts (signed), and it is recorded in the
audit log with every sign-in, failed sign-in and sign-out. Writes are never retried by the BFF: send an
\`Idempotency-Key\` with a commit to retry it safely.

**Placement** (plans, workloads, capacity, policy, audit) is answered by the first configured control plane.

**Plans** cover every site of the fleet: a candidate with its score (0–1, weighted parts: latency, carbon, cost,
capacity) or rejected with all of its reasons. Reason codes (stable; new ones may be added):
${REASON_CODES.map((code) => `- \`${code}\`: ${REASON_CODE_MEANINGS[code]}`).join('\n')}

**Latency model.** ${LATENCY_MODEL}

Policy rules and their legal bases are illustrative, not legal advice.`;

const TAGS = [
  { name: 'fleet', description: 'Sites, links and totals, federated over every control plane.' },
  { name: 'live', description: 'Live telemetry: a snapshot, then server-sent events.' },
  { name: 'telemetry', description: 'Metric history of a site or link.' },
  { name: 'placement', description: 'Where a workload may lawfully run, and where it is best.' },
  { name: 'workloads', description: 'Committed workloads: reservations and their lifecycle.' },
  { name: 'policy', description: 'The policy pack and the hash-chained audit log.' },
  { name: 'session', description: 'Signing in and out; who is signed in.' },
  { name: 'admin', description: 'Accounts and API tokens (admin only).' },
  { name: 'meta', description: 'The BFF itself.' },
] as const;

/** Error statuses an operation may answer with; each a shared response in `components.responses`. */
const ERROR_RESPONSES = {
  400: { name: 'BadRequest', description: 'Invalid request: `error.fields` names every bad field; nothing was held or recorded.' },
  401: { name: 'Unauthorized', description: 'No session or API token, or an ended session, a revoked or expired token.' },
  403: { name: 'Forbidden', description: `A write without the \`${CSRF_HEADER}: 1\` header, or a role without the permission the route needs (named in the message).` },
  404: { name: 'NotFound', description: 'No such resource.' },
  409: { name: 'Conflict', description: 'The request conflicts with the current state.' },
  429: { name: 'TooManyRequests', description: 'Too many failed sign-ins from this address or for this name: `Retry-After` says when to try again.' },
  502: { name: 'BadGateway', description: 'A control plane failed, or answered with a body that breaks the contract.' },
  503: { name: 'ServiceUnavailable', description: `A control plane is unreachable or did not answer within ${LIMITS.upstreamTimeoutMs} ms.` },
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** Every upstream-backed operation can meet a control plane that is down or broken. */
const UPSTREAM: ErrorStatus[] = [502, 503];

interface HeaderParam {
  name: string;
  description: string;
  schema: JsonSchema;
  required?: boolean;
}

/** Who may call an operation: anyone, anyone signed in, or a principal whose role has the permission. */
type Access = 'public' | 'signed-in' | Permission;

interface Operation {
  method: 'get' | 'post' | 'delete';
  /** The Express path under /api, e.g. `/workloads/:id`. */
  path: string;
  access: Access;
  tag: (typeof TAGS)[number]['name'];
  summary: string;
  description?: string;
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodType;
  /** Descriptions of query parameters, by name. */
  queryNotes?: Record<string, string>;
  headers?: HeaderParam[];
  body?: RequestName;
  /** The success: a JSON body, another content type, or none (204, a redirect). */
  ok: { status: 200 | 201 | 204 | 302; description: string; body?: ResponseName | JsonSchema; contentType?: string };
  /** Sends an ETag and answers 304 to a matching If-None-Match. */
  etag?: true;
  errors: ErrorStatus[];
  /** Replaces the shared response of an error status, e.g. a commit's 409 that carries the plan. */
  errorBodies?: Partial<Record<ErrorStatus, { description: string; body: ResponseName }>>;
}

const SERIES_NOTES = {
  metric: "A metric name from the catalogue (docs/metrics.md) of the entity's scope.",
  from: 'Start: ISO 8601 date-time with offset or epoch ms; default `to` − 1 h.',
  to: 'End: same forms; default now.',
  step: 'Width of one point: ms, or a whole number with a unit (30s, 5m, 1h, 1d); default: the smallest step within 2,000 points.',
};

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/sites', access: 'fleet:read', tag: 'fleet', summary: 'Every site as a list row', etag: true, ok: { status: 200, description: 'The sites.', body: 'SiteRowList' }, errors: UPSTREAM },
  {
    method: 'get',
    path: '/sites/:id',
    access: 'fleet:read',
    tag: 'fleet',
    summary: 'One site with its clusters, certifications and links',
    pathParams: { id: IdSchema },
    ok: { status: 200, description: 'The site.', body: 'SiteDetail' },
    errors: [400, 404, ...UPSTREAM],
  },
  { method: 'get', path: '/links', access: 'fleet:read', tag: 'fleet', summary: 'Links and cables with both ends resolved', etag: true, ok: { status: 200, description: 'The links.', body: 'LinkList' }, errors: UPSTREAM },
  { method: 'get', path: '/fleet/summary', access: 'fleet:read', tag: 'fleet', summary: 'Sites by status, MW by stage, GPUs', etag: true, ok: { status: 200, description: 'The totals.', body: 'FleetSummary' }, errors: UPSTREAM },
  {
    method: 'get',
    path: '/status',
    access: 'fleet:read',
    tag: 'meta',
    summary: 'Whether each control plane and the live stream answer',
    ok: { status: 200, description: 'The console status (also sent as a `status` event on the stream).', body: 'ConsoleStatus' },
    errors: [],
  },
  {
    method: 'get',
    path: '/live',
    access: 'fleet:read',
    tag: 'live',
    summary: 'The live state, as of `lastEventId`',
    description: 'Load this first, then follow `/api/stream` with `Last-Event-ID: <lastEventId>`.',
    ok: { status: 200, description: 'The latest value of every metric per site and link, observed health and faults.', body: 'LiveSnapshot' },
    errors: UPSTREAM,
  },
  {
    method: 'get',
    path: '/stream',
    access: 'fleet:read',
    tag: 'live',
    summary: 'Server-sent events after a given id',
    description:
      'Events `telemetry`, `site-health` and `fault` (each `data:` is the `data` of a `StreamEvent`), `status` (a `ConsoleStatus`) and `resync` (the id is too old: load `/api/live` again).',
    query: z.object({ lastEventId: z.string().optional() }),
    queryNotes: { lastEventId: 'Resume after this id on a first connection (browsers resend it as the Last-Event-ID header).' },
    headers: [{ name: 'Last-Event-ID', description: 'Resume after this id.', schema: { type: 'string', pattern: '^\\d{1,16}$' } }],
    ok: { status: 200, description: 'An endless event stream.', contentType: 'text/event-stream', body: { type: 'string' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/stream/stats',
    access: 'fleet:read',
    tag: 'live',
    summary: "The stream fan-out's counters",
    ok: { status: 200, description: 'Browsers connected, events relayed, resyncs, slow browsers dropped, and each upstream subscription.', body: { type: 'object' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/sites/:id/series',
    access: 'fleet:read',
    tag: 'telemetry',
    summary: "A site metric's history",
    description: 'The server picks raw, 1-minute or 1-hour data from the range and step.',
    pathParams: { id: IdSchema },
    query: SiteSeriesQuerySchema,
    queryNotes: SERIES_NOTES,
    ok: { status: 200, description: 'The series.', body: 'Series' },
    errors: [400, 404, ...UPSTREAM],
  },
  {
    method: 'get',
    path: '/links/:id/series',
    access: 'fleet:read',
    tag: 'telemetry',
    summary: "A link metric's history",
    pathParams: { id: IdSchema },
    query: LinkSeriesQuerySchema,
    queryNotes: SERIES_NOTES,
    ok: { status: 200, description: 'The series.', body: 'Series' },
    errors: [400, 404, ...UPSTREAM],
  },
  {
    method: 'post',
    path: '/placements/plan',
    access: 'placement:plan',
    tag: 'placement',
    summary: 'Plan a workload (dry run: nothing is held)',
    description: `Every site of the fleet, either a ranked candidate with its score parts or rejected with all of its reasons. ${LATENCY_MODEL}`,
    body: 'WorkloadRequest',
    ok: { status: 200, description: 'The plan.', body: 'Plan' },
    errors: [400, 403, ...UPSTREAM],
  },
  {
    method: 'post',
    path: '/workloads',
    access: 'workloads:write',
    tag: 'workloads',
    summary: 'Plan and commit a workload in one atomic step',
    description: 'Reserves GPUs and power on the best candidate. The same `Idempotency-Key` answers the same workload.',
    headers: [{ name: 'Idempotency-Key', description: 'Makes the commit safe to retry: a repeat answers the workload the first one created.', schema: z.toJSONSchema(IdempotencyKeySchema, { io: 'input' }) }],
    body: 'WorkloadRequest',
    ok: { status: 201, description: 'The workload, placed.', body: 'Workload' },
    errors: [400, 403, 409, ...UPSTREAM],
    errorBodies: { 409: { description: 'No site fits: the plan says why, site by site. Nothing was held.', body: 'NoSiteFits' } },
  },
  {
    method: 'get',
    path: '/workloads',
    access: 'workloads:read',
    tag: 'workloads',
    summary: 'Workloads, filtered',
    query: WorkloadFilterSchema,
    queryNotes: { state: 'Lifecycle state.', site: 'Id of the site it runs on.', tenant: 'Tenant id.', sector: 'Sector.' },
    ok: { status: 200, description: 'The workloads.', body: 'WorkloadList' },
    errors: [400, ...UPSTREAM],
  },
  {
    method: 'get',
    path: '/workloads/:id',
    access: 'workloads:read',
    tag: 'workloads',
    summary: 'One workload with the plan that placed it and its audit trail',
    pathParams: { id: IdSchema },
    ok: { status: 200, description: 'The workload.', body: 'WorkloadDetail' },
    errors: [400, 404, ...UPSTREAM],
  },
  {
    method: 'delete',
    path: '/workloads/:id',
    access: 'workloads:write',
    tag: 'workloads',
    summary: 'Release a workload (its GPUs and power return to the site)',
    pathParams: { id: IdSchema },
    ok: { status: 200, description: 'The workload, released.', body: 'Workload' },
    errors: [400, 403, 404, 409, ...UPSTREAM],
  },
  {
    method: 'get',
    path: '/capacity',
    access: 'fleet:read',
    tag: 'workloads',
    summary: "Every site's GPUs by model and IT power: installed, reserved, free",
    ok: { status: 200, description: 'Capacity as reservations stand now.', body: 'Capacity' },
    errors: UPSTREAM,
  },
  {
    method: 'get',
    path: '/policy',
    access: 'fleet:read',
    tag: 'policy',
    summary: 'The policy pack: groups, conditions, rules and its version (content hash)',
    ok: { status: 200, description: 'The policy.', body: 'Policy' },
    errors: UPSTREAM,
  },
  {
    method: 'get',
    path: '/audit',
    access: 'audit:read',
    tag: 'policy',
    summary: 'The audit log, newest first',
    query: AuditQuerySchema,
    queryNotes: { before: 'Only records with a lower sequence number (the previous page’s `nextBefore`).', limit: 'Records in one page.' },
    ok: { status: 200, description: 'A page of records.', body: 'AuditList' },
    errors: [400, ...UPSTREAM],
  },
  {
    method: 'get',
    path: '/audit/verify',
    access: 'audit:read',
    tag: 'policy',
    summary: "Recompute the audit log's hash chain",
    ok: { status: 200, description: 'Whether the chain is intact, and where it breaks when it is not.', body: 'AuditVerification' },
    errors: UPSTREAM,
  },
  {
    method: 'get',
    path: '/session/providers',
    access: 'public',
    tag: 'session',
    summary: 'What the login page offers: local accounts, OpenID Connect, the demo users',
    ok: { status: 200, description: 'The sign-in methods.', body: 'LoginProviders' },
    errors: [],
  },
  {
    method: 'post',
    path: '/session',
    access: 'public',
    tag: 'session',
    summary: 'Sign in with a username and password',
    description: `Opens a session with a new id and sets the \`${SESSION_COOKIE}\` cookie; ends the session the request came with. A wrong password and an unknown name get the same 401. After 5 failures from one address or for one name, each further failure blocks them for twice as long (1 s up to 15 min): 429 with Retry-After; a success clears the count. Every attempt is in the audit log.`,
    body: 'LoginRequest',
    ok: { status: 200, description: 'Signed in: who, and until when.', body: 'SessionView' },
    errors: [400, 401, 403, 429],
  },
  {
    method: 'get',
    path: '/session',
    access: 'signed-in',
    tag: 'session',
    summary: 'Who is signed in, and until when',
    ok: { status: 200, description: 'The session.', body: 'SessionView' },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/session',
    access: 'signed-in',
    tag: 'session',
    summary: 'Sign out',
    description: 'Ends the session at once (on every replica) and clears the cookie.',
    ok: { status: 204, description: 'Signed out.' },
    errors: [403],
  },
  {
    method: 'get',
    path: OIDC_START_PATH.replace(/^\/api/, ''),
    access: 'public',
    tag: 'session',
    summary: 'Sign in with your organisation (OpenID Connect, authorization code + PKCE): start',
    description: 'A browser navigation, not a JSON call: redirects to the provider; mounted only when OpenID Connect is configured.',
    query: z.object({ returnTo: z.string().optional() }),
    queryNotes: { returnTo: 'A path of the console to come back to after sign-in.' },
    ok: { status: 302, description: "To the provider's sign-in page, or to `/login?error=…`." },
    errors: [],
  },
  {
    method: 'get',
    path: OIDC_CALLBACK_PATH.replace(/^\/api/, ''),
    access: 'public',
    tag: 'session',
    summary: 'Sign in with your organisation: where the provider sends the browser back',
    description: 'Checks state, nonce and PKCE, reads role and tenant from the claims, opens a session; every failure redirects to `/login?error=<code>` and is audited.',
    ok: { status: 302, description: 'Back to `returnTo`, signed in, or to `/login?error=…`.' },
    errors: [],
  },
  {
    method: 'get',
    path: '/users',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Every account, local and OpenID Connect, disabled ones too',
    ok: { status: 200, description: 'The accounts.', body: 'UserList' },
    errors: [],
  },
  {
    method: 'post',
    path: '/users',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Create a local account',
    body: 'UserCreate',
    ok: { status: 201, description: 'The account.', body: 'User' },
    errors: [400, 409],
  },
  {
    method: 'delete',
    path: '/users/:username',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Disable an account; its sessions end at once',
    pathParams: { username: UsernameSchema },
    ok: { status: 200, description: 'The account, disabled.', body: 'User' },
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/tokens',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Issue an API token',
    description: `The secret (\`${TOKEN_PREFIX}…\`) is in this answer only: it is stored hashed and cannot be shown again. The token acts with the role (and tenant) it is issued.`,
    body: 'ApiTokenCreate',
    ok: { status: 201, description: 'The token and its secret.', body: 'ApiTokenCreated' },
    errors: [400],
  },
  {
    method: 'get',
    path: '/tokens',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Every API token issued (never a secret)',
    ok: { status: 200, description: 'The tokens.', body: 'ApiTokenList' },
    errors: [],
  },
  {
    method: 'delete',
    path: '/tokens/:id',
    access: 'identity:admin',
    tag: 'admin',
    summary: 'Revoke an API token, at once',
    pathParams: { id: IdSchema },
    ok: { status: 200, description: 'The token, revoked.', body: 'ApiToken' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    tag: 'meta',
    summary: 'This document',
    ok: { status: 200, description: 'The OpenAPI 3.1 document of /api.', body: { type: 'object' } },
    errors: [],
  },
];

/** `/workloads/:id` → `/api/workloads/{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return `/api${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}

/** JSON Schema of a zod schema as an OpenAPI 3.1 schema object (no `$schema` or `$id` of its own). */
function schemaObject(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/** Named components, converted together so one that contains another refers to it. */
function components(named: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, schemaObject(schema)]));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (body: string | JsonSchema, contentType = 'application/json') => ({ content: { [contentType]: { schema: typeof body === 'string' ? ref(body) : body } } });

function parameters(op: Operation): JsonSchema[] {
  const inPath = Object.entries(op.pathParams ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: schemaObject(z.toJSONSchema(schema, { io: 'input' })) }));
  const query = op.query ? (z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, JsonSchema>; required?: string[] }) : {};
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query.required?.includes(name) ?? false,
    schema,
    ...(op.queryNotes?.[name] ? { description: op.queryNotes[name] } : {}),
  }));
  const csrf: HeaderParam[] = op.method === 'get' ? [] : [{ name: CSRF_HEADER, description: 'Proves the request comes from the console’s origin.', required: true, schema: { type: 'string', const: '1' } }];
  const conditional: HeaderParam[] = op.etag ? [{ name: 'If-None-Match', description: 'The ETag of the copy held: 304 when it is current.', schema: { type: 'string' } }] : [];
  const inHeader = [...csrf, ...conditional, ...(op.headers ?? [])].map(({ name, description, schema, required = false }) => ({ name, in: 'header', required, description, schema: schemaObject(schema) }));
  return [...inPath, ...inQuery, ...inHeader];
}

/** The error statuses an operation's access adds: 401 unless public, 403 when a permission is needed. */
function accessErrors(access: Access): ErrorStatus[] {
  if (access === 'public') return [];
  return access === 'signed-in' ? [401] : [401, 403];
}

function accessNote(access: Access): string {
  if (access === 'public') return 'No sign-in needed.';
  if (access === 'signed-in') return 'Any signed-in principal.';
  return `Needs \`${access}\` (${PERMISSIONS[access].join(', ')}).`;
}

function operationObject(op: Operation): JsonSchema {
  const responses: Record<string, JsonSchema> = {
    [op.ok.status]: { description: op.ok.description, ...(op.ok.body === undefined ? {} : json(op.ok.body, op.ok.contentType)) },
  };
  if (op.etag) responses['304'] = { description: 'Not modified: the copy named by If-None-Match is current.' };
  const errors = [...new Set([...op.errors, ...accessErrors(op.access)])].sort();
  for (const status of errors) {
    const special = op.errorBodies?.[status];
    responses[status] = special ? { description: special.description, ...json(special.body) } : { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  }
  const params = parameters(op);
  return {
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, accessNote(op.access)].filter(Boolean).join('\n\n'),
    'x-corridor-access': op.access,
    ...(op.access === 'public' ? { security: [] } : {}),
    operationId: `${op.method}${op.path.replace(/[/:.](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: true, ...json(op.body) } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every /api route, generated from the shared zod schemas. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const op of OPERATIONS) (paths[toOpenApiPath(op.path)] ??= {})[op.method] = operationObject(op);
  const errorResponses = Object.fromEntries(Object.values(ERROR_RESPONSES).map(({ name, description }) => [name, { description, ...json('ErrorBody') }]));
  return {
    openapi: '3.1.0',
    info: { title: 'Corridor console API', version: pkg.version, description: DESCRIPTION },
    tags: [...TAGS],
    paths,
    security: [{ session: [] }, { bearer: [] }],
    components: {
      schemas: { ...components(RESPONSE_SCHEMAS, 'output'), ...components(REQUEST_SCHEMAS, 'input') },
      responses: errorResponses,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session a browser gets from `POST /api/session` (or OpenID Connect).' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: `${TOKEN_PREFIX}<secret>`, description: `An API token an admin issued (\`POST /api/tokens\`); exempt from \`${CSRF_HEADER}\`.` },
      },
    },
  };
}
