import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { MethodNotAllowedError } from '@corridor/shared';
import { parseInput } from './middleware.ts';

/**
 * A route declared once: method, path, who may call it, what it reads and answers, and its handler.
 * `mountRoutes` derives the Express mounting (gate, body parser, parsing, 405) from it, and a server's
 * API document derives its operations from the same list, so the two cannot drift apart.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON Schema written out, for a body no zod schema describes (an event stream, this API's own document). */
export type JsonSchemaObject = { readonly [key: string]: unknown };

/** One input of a request: its schema and the words a 400 names it with (`invalid <what>: …`). */
export interface RequestPart<S extends z.ZodType = z.ZodType> {
  schema: S;
  what: string;
  /** For the API document. */
  description?: string;
}

/** What a route reads. Path parameters and headers are parsed one by one, so a bad one is the 400's `(root)` field. */
export interface RouteRequest {
  params?: Record<string, RequestPart>;
  query?: RequestPart & {
    /** For the API document: what each query parameter means, by name. */
    notes?: Record<string, string>;
  };
  /** By the header's name as documented (`Idempotency-Key`); read case-insensitively. */
  headers?: Record<string, RequestPart>;
  body?: RequestPart;
}

/** One answer of a route: its body (none for a 204, 302 or 304) and content type, JSON unless said. */
export interface ResponseSpec {
  description: string;
  body?: z.ZodType | JsonSchemaObject;
  contentType?: string;
}

export type SuccessStatus = 200 | 201 | 204 | 302 | 304;
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 502 | 503;
export type Responses = { readonly [S in SuccessStatus]?: ResponseSpec };

type ParsedParts<P> = P extends Record<string, RequestPart> ? { [K in keyof P]: z.output<P[K]['schema']> } : Record<string, never>;
type ParsedPart<P> = P extends RequestPart ? z.output<P['schema']> : undefined;

/** What a handler gets: every input parsed and typed from its schema, the request and response, and the server's services. */
export interface RouteCall<R extends RouteRequest, Deps> {
  params: ParsedParts<R['params']>;
  query: ParsedPart<R['query']>;
  headers: ParsedParts<R['headers']>;
  body: ParsedPart<R['body']>;
  req: Request;
  res: Response;
  deps: Deps;
}

/** A zod body types what the handler returns; a JSON Schema written out, or none, checks nothing; no such answer, nothing may be returned. */
type BodyOf<Spec> = Spec extends { body: z.ZodType } ? z.output<Spec['body']> : Spec extends ResponseSpec ? unknown : never;
/** The body a handler may return: the one its 200 or 201 declares. */
type SuccessBody<Rs extends Responses> = BodyOf<Rs[200]> | BodyOf<Rs[201]>;
type MaybePromise<T> = T | Promise<T>;

/**
 * A route as declared. `Access` is the server's own notion of who may call (the BFF's permissions,
 * the control plane's acting-person rules); `Deps` what the handler needs of the server.
 */
export interface RouteSpec<Access, Deps, R extends RouteRequest = RouteRequest, Rs extends Responses = Responses> {
  method: HttpMethod;
  /** Express syntax, relative to where the list is mounted: `/workloads/:id`. */
  path: string;
  access: Access;
  /** Groups the operation in the API document. */
  tag: string;
  summary: string;
  description?: string;
  request?: R;
  /** The answers that are not errors; the one 2xx with a body is what a returned value is sent as. */
  responses: Rs;
  /** Errors the route itself may answer; the document adds those its access, inputs and method imply. */
  errors?: readonly ErrorStatus[];
  /** Error answers whose body is not the one error body (a commit's 409 that carries the plan). */
  errorBodies?: { readonly [S in ErrorStatus]?: ResponseSpec & { body: z.ZodType } };
  /** Reads the body instead of the server's JSON parser (its own limit, content type or shape checks). */
  bodyParser?: readonly RequestHandler[];
  /**
   * Parse → call a service → present. A returned value is sent as JSON with the route's success status;
   * returning nothing means the handler answered itself (an event stream, a 304, a 204, a redirect).
   */
  handler: (call: RouteCall<R, Deps>) => MaybePromise<SuccessBody<Rs> | void>;
}

/** A declared route in a list of routes (its inputs' types erased; the handler was checked against them). */
export interface RouteDescriptor<Access = unknown, Deps = unknown> extends Omit<RouteSpec<Access, Deps>, 'handler'> {
  // Method syntax on purpose: a handler typed for its own inputs stands in for one typed for any.
  handler(call: RouteCall<RouteRequest, Deps>): unknown;
}

/**
 * `const route = routeFactory<Access, Deps>()`, then `route({ … })` for each route: the handler is
 * checked against the route's own schemas, and the result fits in a list of the server's routes.
 */
export function routeFactory<Access, Deps>() {
  return <R extends RouteRequest = Record<never, never>, Rs extends Responses = Responses>(spec: RouteSpec<Access, Deps, R, Rs>): RouteDescriptor<Access, Deps> =>
    spec as unknown as RouteDescriptor<Access, Deps>;
}

/** `GET /workloads/:id`: how routes are named in errors, tests and access tables. */
export function routeKey(route: Pick<RouteDescriptor, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** The status a returned value is sent with: the route's 2xx. */
export function successStatus(route: Pick<RouteDescriptor, 'responses'>): number | undefined {
  return Object.keys(route.responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort((a, b) => a - b)[0];
}

export interface MountOptions<Access, Deps> {
  deps: Deps;
  /** What stands in front of a route with this access: 401 / 403 before any of the request is read. */
  gate: (access: Access) => RequestHandler | undefined;
  /** Reads the body of a route that has one (and no parser of its own); leave out when the app reads bodies already. */
  bodyParser?: RequestHandler;
}

/**
 * Mounts every route on `router`: per route its gate, its body parser, its inputs parsed (a 400 naming
 * every bad field) and its handler; per path a 405 with `Allow` for any other method (OPTIONS answers
 * 204 with the same header). Refuses, before mounting anything, a route without access, summary, tag
 * or success answer, one whose path parameters are not all declared, and two routes with one key.
 */
export function mountRoutes<Access, Deps>(router: Router, routes: readonly RouteDescriptor<Access, Deps>[], options: MountOptions<Access, Deps>): Router {
  assertMountable(routes);
  const byPath = new Map<string, RouteDescriptor<Access, Deps>[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, sameRoutePath] of byPath) {
    const mounted = router.route(path);
    for (const route of sameRoutePath) {
      const gate = options.gate(route.access);
      const bodyParser = route.bodyParser ?? (route.request?.body && options.bodyParser ? [options.bodyParser] : []);
      mounted[route.method](...(gate ? [gate] : []), ...bodyParser, handle(route, options.deps));
    }
    mounted.all(methodNotAllowed(sameRoutePath.map((r) => r.method)));
  }
  return router;
}

/** Throws naming every route that cannot be mounted, and why. */
export function assertMountable(routes: readonly RouteDescriptor<unknown, unknown>[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route);
    if (seen.has(key)) problems.push(`${key} is declared twice`);
    seen.add(key);
    if (route.access === undefined || route.access === null) problems.push(`${key} says nobody may call it: declare its access`);
    if (!route.summary?.trim()) problems.push(`${key} has no summary`);
    if (!route.tag?.trim()) problems.push(`${key} has no tag`);
    if (!Object.keys(route.responses ?? {}).some((s) => Number(s) < 400)) problems.push(`${key} declares no success answer`);
    const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const declared = Object.keys(route.request?.params ?? {});
    if (inPath.sort().join() !== declared.sort().join()) problems.push(`${key} declares path parameters [${declared.join(', ')}], its path has [${inPath.join(', ')}]`);
    if (typeof route.handler !== 'function') problems.push(`${key} has no handler`);
  }
  if (problems.length) throw new Error(`routes that cannot be mounted: ${problems.join('; ')}`);
}

/** Every declared input parsed, path parameters first, then query, headers and body. */
function parseRequest(request: RouteRequest | undefined, req: Request): Pick<RouteCall<RouteRequest, unknown>, 'params' | 'query' | 'headers' | 'body'> {
  const params: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(request?.params ?? {})) params[name] = parseInput(part.schema, req.params[name], part.what);
  const query = request?.query ? parseInput(request.query.schema, req.query, request.query.what) : undefined;
  const headers: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(request?.headers ?? {})) headers[name] = parseInput(part.schema, req.get(name), part.what);
  const body = request?.body ? parseInput(request.body.schema, req.body, request.body.what) : undefined;
  return { params, query, headers, body } as Pick<RouteCall<RouteRequest, unknown>, 'params' | 'query' | 'headers' | 'body'>;
}

function handle<Deps>(route: RouteDescriptor<unknown, Deps>, deps: Deps): RequestHandler {
  const status = successStatus(route);
  return async (req, res) => {
    const result = await route.handler({ ...parseRequest(route.request, req), req, res, deps });
    if (result === undefined) return;
    if (status === undefined) throw new Error(`${routeKey(route)} returned a body but declares no 2xx answer to send it with`);
    res.status(status).json(result);
  };
}

/** The order `Allow` lists methods in, whatever order the routes were declared in. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The last handler of a path: any method its routes do not take. HEAD comes with GET, as Express serves it. */
function methodNotAllowed(methods: readonly HttpMethod[]): RequestHandler {
  const taken = new Set([...methods.map((m) => m.toUpperCase()), ...(methods.includes('get') ? ['HEAD'] : []), 'OPTIONS']);
  const allowed = METHOD_ORDER.filter((m) => taken.has(m));
  const allow = allowed.join(', ');
  return (req, res) => {
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    throw new MethodNotAllowedError(`${req.method} is not allowed on ${req.baseUrl}${req.path}: it takes ${allow}`, allowed);
  };
}
