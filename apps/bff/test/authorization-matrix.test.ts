import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, ErrorBodySchema, ROLES, type Permission, type Role, type WorkloadRequestInput } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { createApp } from '../src/app.ts';
import { bffConfig, fakeUpstream, realControlPlane, sessionCookie, sharedBffStore, silent, startBff, type RunningBff } from './harness.ts';
import { mountedRoutes, OIDC_MOUNTED, type Layer } from './routes.ts';

/** `person`: anyone signed in to the console acting for themselves (a session); an API token is refused (403). */
type Access = 'public' | 'signed-in' | 'person' | Permission;

/**
 * What every /api route needs, written out here as the issue states it (not read from the code under
 * test). The test fails when the app mounts a route this table does not classify.
 */
const ACCESS: Record<string, Access> = {
  'get /api/session/providers': 'public',
  'post /api/session': 'public',
  'get /api/session/oidc/start': 'public',
  'get /api/session/oidc/callback': 'public',
  'get /api/openapi.json': 'public',
  'get /api/session': 'signed-in',
  'delete /api/session': 'signed-in',
  'put /api/session/preferences': 'person',
  'get /api/sites': 'fleet:read',
  'get /api/sites/:id': 'fleet:read',
  'get /api/links': 'fleet:read',
  'get /api/fleet/summary': 'fleet:read',
  'get /api/status': 'fleet:read',
  'get /api/live': 'fleet:read',
  'get /api/stream': 'fleet:read',
  'get /api/stream/stats': 'fleet:read',
  'get /api/sites/:id/series': 'fleet:read',
  'get /api/links/:id/series': 'fleet:read',
  'get /api/capacity': 'fleet:read',
  'get /api/capacity/ledger': 'fleet:read',
  'get /api/capacity/energy': 'fleet:read',
  'get /api/capacity/headroom': 'fleet:read',
  'post /api/capacity/site-loss': 'fleet:read',
  'get /api/capacity/forecast': 'fleet:read',
  'get /api/policy': 'fleet:read',
  'post /api/policy/reload': 'policy:admin',
  'post /api/placements/plan': 'placement:plan',
  'post /api/placements/batch-plan': 'placement:plan',
  'get /api/workloads': 'workloads:read',
  'get /api/workloads/:id': 'workloads:read',
  'post /api/workloads': 'workloads:write',
  'delete /api/workloads/:id': 'workloads:write',
  'get /api/audit': 'audit:read',
  'get /api/audit/verify': 'audit:read',
  'get /api/alerts': 'noc:read',
  'post /api/alerts/:id/ack': 'noc:operate',
  'get /api/silences': 'noc:read',
  'post /api/silences': 'noc:operate',
  'delete /api/silences/:id': 'noc:operate',
  'get /api/alert-rules': 'noc:read',
  'get /api/maintenance': 'noc:read',
  'post /api/maintenance': 'noc:operate',
  'delete /api/maintenance/:id': 'noc:operate',
  'post /api/sites/:id/drain-plan': 'noc:operate',
  'post /api/drains': 'noc:operate',
  'get /api/drains/:id': 'noc:read',
  'post /api/sites/:id/confirm-down': 'noc:operate',
  'delete /api/sites/:id/confirm-down': 'noc:operate',
  'get /api/events': 'timeline:read',
  'get /api/events.csv': 'timeline:read',
  'get /api/users': 'identity:admin',
  'post /api/users': 'identity:admin',
  'delete /api/users/:username': 'identity:admin',
  'get /api/tokens': 'identity:admin',
  'post /api/tokens': 'identity:admin',
  'delete /api/tokens/:id': 'identity:admin',
};

/** The concrete request for a route: real ids where they exist, unknown ones where a 404 is the answer. */
const CONCRETE: Record<string, string> = {
  '/api/capacity/energy': '/api/capacity/energy?period=day',
  '/api/sites/:id': '/api/sites/site-a',
  '/api/sites/:id/series': '/api/sites/site-a/series?metric=site_pue_ratio',
  '/api/links/:id/series': '/api/links/link-a-b/series?metric=link_rtt_seconds',
  '/api/workloads/:id': '/api/workloads/wl-nowhere',
  '/api/users/:username': '/api/users/nobody',
  '/api/tokens/:id': '/api/tokens/tok-0000000000000000',
  '/api/alerts/:id/ack': '/api/alerts/no-such-alert/ack',
  '/api/silences/:id': '/api/silences/no-such-silence',
  '/api/maintenance/:id': '/api/maintenance/no-such-window',
  '/api/sites/:id/drain-plan': '/api/sites/site-a/drain-plan',
  '/api/drains/:id': '/api/drains/no-such-drain',
  // An unknown site: a permitted caller reaches the control plane, which answers 404 (nothing is confirmed).
  '/api/sites/:id/confirm-down': '/api/sites/no-such-site/confirm-down',
};

const workload: WorkloadRequestInput = { name: 'Matrix batch', tenant: 'tenant-a', kind: 'batch', sector: 'finance', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 1 } };
/** A valid workload for the placement writes; a body that fails validation for the rest (400 when allowed). */
const bodyOf = (path: string) => (path === '/api/placements/plan' || path === '/api/workloads' ? workload : {});

/** A role's demo user (the tenant role: tenant A's). */
const demoUser = (role: Role) => (role === 'tenant' ? 'tenant-a' : role);

/** A refusal also says whether the BFF refused on its own, without asking the control plane (it must). */
type Outcome = 'allowed' | `${'unauthorized (401)' | 'forbidden (403)'} ${'by the BFF' | 'by the control plane'}` | `server error ${number}`;
function outcomeOf(status: number, askedControlPlane: boolean): Outcome {
  const by = askedControlPlane ? 'by the control plane' : 'by the BFF';
  if (status === 401) return `unauthorized (401) ${by}`;
  if (status === 403) return `forbidden (403) ${by}`;
  return status >= 500 ? `server error ${status}` : 'allowed';
}

function expected(access: Access, role: Role | undefined, via: 'session' | 'token'): Outcome {
  if (access === 'public') return 'allowed';
  if (role === undefined) return 'unauthorized (401) by the BFF';
  if (access === 'signed-in') return 'allowed';
  if (access === 'person') return via === 'session' ? 'allowed' : 'forbidden (403) by the BFF';
  return allows(role, access) ? 'allowed' : 'forbidden (403) by the BFF';
}

/** Calls the BFF makes in the background, whoever asks: the live subscription and the status probe. */
const BACKGROUND = /^GET \/(v1\/stream|readyz)/;

describe('role × route matrix: every /api route, every role, by session and by API token', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let proxy: Awaited<ReturnType<typeof fakeUpstream>>;
  let bff: RunningBff;
  let routes: string[];
  /** Every call the BFF made to the control plane, through a recording proxy. */
  const calls: string[] = [];

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    proxy = await fakeUpstream((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      const forwarded = request(`${upstream.cp.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forwarded);
    });
    bff = await startBff([proxy.url], { config: { oidc: OIDC_MOUNTED } });
    const app = createApp({ config: bffConfig([upstream.cp.url], { oidc: OIDC_MOUNTED }), logger: silent, db: await sharedBffStore() });
    routes = [...new Set(mountedRoutes((app.router as unknown as { stack: Layer[] }).stack).filter((r) => r.includes(' /api/')))];
    await app.close();
  });
  afterAll(async () => {
    await bff?.close();
    await proxy?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it('classifies every mounted /api route', () => {
    expect(routes.sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('answers each role exactly what PERMISSIONS gives it: allowed, 403, or 401 when anonymous; never 5xx', async () => {
    const tokens = new Map<Role, string>();
    for (const role of ROLES) {
      const issued = await bff.identity.tokens.issue({ name: `matrix ${role}`, role, ...(role === 'tenant' ? { tenant: 'tenant-a' } : {}) }, 'admin');
      tokens.set(role, issued.secret);
    }
    /** Credentials per request: a fresh session each time, since one of the routes signs out. */
    const credentials = async (role: Role | undefined, via: 'session' | 'token'): Promise<Record<string, string>> => {
      if (role === undefined) return {};
      return via === 'token' ? { authorization: `Bearer ${tokens.get(role)}` } : { cookie: await sessionCookie(bff.identity, demoUser(role)) };
    };

    const actual: Record<string, Outcome> = {};
    const wanted: Record<string, Outcome> = {};
    const callers = [...ROLES.flatMap((role) => (['session', 'token'] as const).map((via) => ({ role, via }))), { role: undefined, via: 'session' as const }];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      for (const { role, via } of callers) {
        const key = `${role ?? 'anonymous'} (${role ? via : 'nothing'}) ${route}`;
        const controller = new AbortController();
        const before = calls.length;
        const res = await fetch(`${bff.url}${CONCRETE[path] ?? path}`, {
          method: method.toUpperCase(),
          redirect: 'manual',
          signal: controller.signal,
          headers: { ...(await credentials(role, via)), 'X-CSRF': '1', ...(method === 'post' || method === 'put' ? { 'Content-Type': 'application/json' } : {}) },
          ...(method === 'post' || method === 'put' ? { body: JSON.stringify(bodyOf(path)) } : {}),
        });
        controller.abort(); // the event stream never ends by itself
        actual[key] = outcomeOf(
          res.status,
          calls.slice(before).some((c) => !BACKGROUND.test(c)),
        );
        wanted[key] = expected(ACCESS[route]!, role, via);
      }
    }
    expect(actual).toEqual(wanted);
  });

  it('answers 405 with Allow for a known path asked with another method, and keeps unknown paths closed', async () => {
    const cookie = await sessionCookie(bff.identity, 'operator');
    for (const credentials of [{ cookie }, {}] as Record<string, string>[]) {
      const res = await fetch(`${bff.url}/api/workloads/wl-nowhere`, { method: 'PUT', headers: { ...credentials, 'X-CSRF': '1' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, DELETE, OPTIONS');
      expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const options = await fetch(`${bff.url}/api/session`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, DELETE, OPTIONS');
    expect((await fetch(`${bff.url}/api/nowhere`)).status).toBe(401);
    expect((await fetch(`${bff.url}/api/nowhere`, { headers: { cookie } })).status).toBe(404);
  });
});
