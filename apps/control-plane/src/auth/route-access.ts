import type { Router } from 'express';
import type { Permission } from '@corridor/shared';

/**
 * Who may call a /v1 route. Every /v1 call needs the service credential (only the BFF and the
 * operator's own tooling hold it); on top of it:
 * - `person: 'required'`  a signed acting user must come with the call, holding `permission`;
 * - `person: 'optional'`  the BFF may call on its own (its fleet reads, its ONE live subscription shared
 *                         by every browser), or for a person, who must then hold `permission`;
 * - `person: 'forbidden'` machine work only (telemetry ingest, simulator faults): no person acts here.
 */
export type RouteAccess =
  | { person: 'required'; permission: Permission }
  | { person: 'optional'; permission?: Permission }
  | { person: 'forbidden' };

const FLEET_READ = { person: 'optional', permission: 'fleet:read' } as const;
const MACHINE = { person: 'forbidden' } as const;

/**
 * The one table of the control plane's /v1 routes (paths as mounted under /v1). The app refuses to
 * start if a route has no entry here or an entry has no route, and test/route-access.test.ts calls
 * every route as every kind of caller.
 *
 * | route                                           | person    | permission        |
 * |-------------------------------------------------|-----------|-------------------|
 * | GET sites, sites/:id, links, fleet/summary      | optional  | fleet:read        |
 * | GET live, stream, faults, …/series              | optional  | fleet:read        |
 * | GET capacity, policy                            | optional  | fleet:read        |
 * | POST telemetry, metrics, faults; DELETE faults  | forbidden | —                 |
 * | POST placements/plan                            | required  | placement:plan    |
 * | POST workloads, DELETE workloads/:id            | required  | workloads:write   |
 * | GET workloads, workloads/:id                    | required  | workloads:read    |
 * | GET audit, audit/verify                         | required  | audit:read        |
 * | POST audit (login, login-failed, logout)        | optional  | — (route checks)  |
 *
 * A tenant user is further confined to its own workloads by the workload service.
 */
export const ROUTE_ACCESS = {
  'GET /sites': FLEET_READ,
  'GET /sites/:id': FLEET_READ,
  'GET /links': FLEET_READ,
  'GET /fleet/summary': FLEET_READ,
  'GET /live': FLEET_READ,
  'GET /stream': FLEET_READ,
  'GET /faults': FLEET_READ,
  'GET /sites/:id/series': FLEET_READ,
  'GET /links/:id/series': FLEET_READ,
  'GET /capacity': FLEET_READ,
  'GET /policy': FLEET_READ,
  'POST /telemetry': MACHINE,
  'POST /metrics': MACHINE,
  'POST /faults': MACHINE,
  'DELETE /faults/:id': MACHINE,
  'POST /placements/plan': { person: 'required', permission: 'placement:plan' },
  'POST /workloads': { person: 'required', permission: 'workloads:write' },
  'DELETE /workloads/:id': { person: 'required', permission: 'workloads:write' },
  'GET /workloads': { person: 'required', permission: 'workloads:read' },
  'GET /workloads/:id': { person: 'required', permission: 'workloads:read' },
  'GET /audit': { person: 'required', permission: 'audit:read' },
  'GET /audit/verify': { person: 'required', permission: 'audit:read' },
  // Login events: the route needs the acting user for login and logout, and none for a failed login.
  'POST /audit': { person: 'optional' },
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

interface CompiledRule {
  method: string;
  segments: string[];
  access: RouteAccess;
}

/**
 * Finds a request's rule by method and path, matching `:param` segments as Express does (one non-empty
 * segment, case-insensitive literals, a trailing slash tolerated). No two rules overlap, so the first
 * match is the only one. A path no rule matches is answered 404 before any route runs: fail closed.
 */
export function ruleMatcher(rules: Readonly<Record<string, RouteAccess>>): (method: string, path: string) => RouteAccess | undefined {
  const compiled: CompiledRule[] = Object.entries(rules).map(([key, access]) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, segments: splitPath(path.toLowerCase()), access };
  });
  return (method, path) => {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const segments = splitPath(path.toLowerCase());
    return compiled.find((r) => r.method === wanted && r.segments.length === segments.length && r.segments.every((s, i) => s.startsWith(':') ? segments[i] !== '' : s === segments[i]))?.access;
  };
}

function splitPath(path: string): string[] {
  return path.replace(/\/$/, '').split('/').slice(1);
}

/** `METHOD /path` of every route the routers hold, read from Express's own route table. */
export function routesOf(routers: readonly Router[]): string[] {
  return routers.flatMap((router) =>
    router.stack.flatMap((layer) => {
      const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
      if (!route) return [];
      return Object.keys(route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${route.path}`);
    }),
  );
}

/** Throws naming every route without a rule and every rule without a route. */
export function assertEveryRouteHasAccess(routes: readonly string[], rules: Readonly<Record<string, RouteAccess>>): void {
  const missing = routes.filter((r) => !(r in rules));
  const stale = Object.keys(rules).filter((k) => !routes.includes(k));
  if (missing.length || stale.length) {
    throw new Error(`access rules out of step with the routes (src/auth/route-access.ts): ${[...missing.map((r) => `no rule for ${r}`), ...stale.map((r) => `no route for rule ${r}`)].join('; ')}`);
  }
}
