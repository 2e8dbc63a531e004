import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTING_USER_HEADER, mountRoutes, type ActingUser } from '@corridor/http-kit';
import { ErrorBodySchema, PERMISSIONS, WorkloadSchema, type Permission, type Role } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { accessGate } from '../src/auth/authorize.ts';
import { V1_ROUTES } from '../src/v1-routes.ts';
import { USERS, actingHeaders, serviceHeaders } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/**
 * What each /v1 route must allow, written from the rules (not read from the app's table):
 * `optional` the BFF may call alone or for a person holding `permission`; `required` only for such a
 * person; `forbidden` machine work, never for a person. `ok` is the status a permitted call gets.
 */
interface RouteCase {
  person: 'optional' | 'required' | 'forbidden';
  permission?: Permission;
  /** The path to call (may set something up first, e.g. a workload to read). */
  path: () => string | Promise<string>;
  body?: unknown;
  ok: number;
}

type Caller = { name: string; headers: () => Record<string, string> } & ({ kind: 'refused' } | { kind: 'service' } | { kind: 'person'; user: ActingUser });

const CALLERS: Caller[] = [
  { name: 'no credential', kind: 'refused', headers: () => ({}) },
  { name: 'wrong service token', kind: 'refused', headers: () => ({ authorization: `Bearer ${'x'.repeat(64)}` }) },
  { name: 'service only', kind: 'service', headers: serviceHeaders },
  ...(['executive', 'operator', 'admin', 'tenantA'] as const).map((k): Caller => ({ name: USERS[k].role, kind: 'person', user: USERS[k], headers: () => actingHeaders(USERS[k]) })),
  { name: 'bad signature', kind: 'refused', headers: () => actingHeaders(USERS.admin, Date.now(), 'a-secret-that-is-not-the-service-token') },
  { name: 'expired acting user', kind: 'refused', headers: () => actingHeaders(USERS.admin, Date.now() - 61_000) },
  {
    name: 'acting user without signature',
    kind: 'refused',
    headers: () => ({ ...serviceHeaders(), [ACTING_USER_HEADER]: actingHeaders(USERS.admin)[ACTING_USER_HEADER]! }),
  },
];

function expectedStatus(route: RouteCase, caller: Caller): number {
  if (caller.kind === 'refused') return 401;
  if (caller.kind === 'service') return route.person === 'required' ? 401 : route.ok;
  if (route.person === 'forbidden') return 403;
  if (route.permission && !(PERMISSIONS[route.permission] as readonly Role[]).includes(caller.user.role)) return 403;
  return route.ok;
}

describe.each(STORE_KINDS)('who may call which /v1 route, on %s', (kind) => {
  let h: PlacementHarness;
  /** A workload of tenant-a that every permitted caller may read and release. */
  let workloadId: string;
  /** A drain plan the operator may execute, and a drain anyone who reads the NOC may read. */
  let drainPlanId: string;
  let drainId: string;
  /** An open alert every operator may acknowledge (again). */
  let alertId: string;
  const futureWindow = () => ({ siteId: 'site-a', startsAt: new Date(now + 86_400_000).toISOString(), endsAt: new Date(now + 90_000_000).toISOString(), reason: 'cooling overhaul' });
  const now = Date.now();
  const series = (entity: string, metric: string) => `/v1/${entity}/series?metric=${metric}&from=${now - 3_600_000}&to=${now}`;
  const plan = workloadBody({ tenant: 'tenant-a', gpus: { count: 8, model: 'H100' } });

  const CASES: Record<string, RouteCase> = {
    'GET /sites': { person: 'optional', permission: 'fleet:read', path: () => '/v1/sites', ok: 200 },
    'GET /sites/:id': { person: 'optional', permission: 'fleet:read', path: () => '/v1/sites/site-a', ok: 200 },
    'GET /links': { person: 'optional', permission: 'fleet:read', path: () => '/v1/links', ok: 200 },
    'GET /fleet/summary': { person: 'optional', permission: 'fleet:read', path: () => '/v1/fleet/summary', ok: 200 },
    'GET /live': { person: 'optional', permission: 'fleet:read', path: () => '/v1/live', ok: 200 },
    'GET /stream': { person: 'optional', permission: 'fleet:read', path: () => '/v1/stream', ok: 200 },
    'GET /faults': { person: 'optional', permission: 'fleet:read', path: () => '/v1/faults', ok: 200 },
    'GET /sites/:id/series': { person: 'optional', permission: 'fleet:read', path: () => series('sites/site-a', 'site_it_power_watts'), ok: 200 },
    'GET /links/:id/series': { person: 'optional', permission: 'fleet:read', path: () => series('links/link-a-b', 'link_rtt_seconds'), ok: 200 },
    'GET /capacity': { person: 'optional', permission: 'fleet:read', path: () => '/v1/capacity', ok: 200 },
    'GET /policy': { person: 'optional', permission: 'fleet:read', path: () => '/v1/policy', ok: 200 },
    // The ledger needs the person: a tenant's committed figures are its own (test/capacity-ledger.test.ts).
    'GET /capacity/ledger': { person: 'required', permission: 'fleet:read', path: () => '/v1/capacity/ledger?groupBy=country', ok: 200 },
    'GET /capacity/energy': { person: 'optional', permission: 'fleet:read', path: () => '/v1/capacity/energy?period=day', ok: 200 },
    // Sovereign headroom, N-1 and forecast need the person: a tenant sees its own classes and workloads (test/capacity-sovereign.test.ts).
    'GET /capacity/headroom': { person: 'required', permission: 'fleet:read', path: () => '/v1/capacity/headroom?gpus=16', ok: 200 },
    'POST /capacity/site-loss': { person: 'required', permission: 'fleet:read', path: () => '/v1/capacity/site-loss', body: { siteId: 'site-a' }, ok: 200 },
    'GET /capacity/forecast': { person: 'required', permission: 'fleet:read', path: () => '/v1/capacity/forecast', ok: 200 },
    'POST /telemetry': {
      person: 'forbidden',
      path: () => '/v1/telemetry',
      body: { samples: [{ metric: 'site_it_power_watts', siteId: 'site-a', at: now - 60_000, value: 5e6 }] },
      ok: 200,
    },
    'POST /metrics': { person: 'forbidden', path: () => '/v1/metrics', body: { resourceMetrics: [] }, ok: 200 },
    'POST /faults': { person: 'forbidden', path: () => '/v1/faults', body: { kind: 'cooling-failure', siteId: 'site-b' }, ok: 201 },
    // An unknown fault: a permitted caller reaches the simulator, which answers 404 (a guard would answer 401/403).
    'DELETE /faults/:id': { person: 'forbidden', path: () => `/v1/faults/${randomUUID()}`, ok: 404 },
    'POST /placements/plan': { person: 'required', permission: 'placement:plan', path: () => '/v1/placements/plan', body: plan, ok: 200 },
    'POST /placements/batch-plan': { person: 'required', permission: 'placement:plan', path: () => '/v1/placements/batch-plan', body: { workloads: [plan] }, ok: 200 },
    'POST /workloads': { person: 'required', permission: 'workloads:write', path: () => '/v1/workloads', body: plan, ok: 201 },
    'DELETE /workloads/:id': { person: 'required', permission: 'workloads:write', path: () => `/v1/workloads/${workloadId}`, ok: 200 },
    'GET /workloads': { person: 'required', permission: 'workloads:read', path: () => '/v1/workloads', ok: 200 },
    'GET /workloads/:id': { person: 'required', permission: 'workloads:read', path: () => `/v1/workloads/${workloadId}`, ok: 200 },
    'GET /audit': { person: 'required', permission: 'audit:read', path: () => '/v1/audit', ok: 200 },
    'GET /audit/verify': { person: 'required', permission: 'audit:read', path: () => '/v1/audit/verify', ok: 200 },
    // NOC readers (executive, operator, admin) read windows and drains; only operators schedule, delete, plan and drain.
    'GET /maintenance': { person: 'required', permission: 'noc:read', path: () => '/v1/maintenance?site=site-a', ok: 200 },
    'POST /maintenance': { person: 'required', permission: 'noc:operate', path: () => '/v1/maintenance', body: futureWindow(), ok: 201 },
    // A window of its own for each caller: only the operator's call reaches it.
    'DELETE /maintenance/:id': { person: 'required', permission: 'noc:operate', path: async () => `/v1/maintenance/${(await h.call('POST', '/v1/maintenance', futureWindow())).body.id}`, ok: 200 },
    'POST /sites/:id/drain-plan': { person: 'required', permission: 'noc:operate', path: () => '/v1/sites/site-b/drain-plan', ok: 201 },
    'POST /drains': {
      person: 'required',
      permission: 'noc:operate',
      path: () => '/v1/drains',
      get body() {
        return { planId: drainPlanId };
      },
      ok: 201,
    },
    'GET /drains/:id': { person: 'required', permission: 'noc:read', path: () => `/v1/drains/${drainId}`, ok: 200 },
    // Only operators confirm a site down or withdraw it; a site the fleet does not know: a permitted caller gets 404 (test/confirm-down.test.ts does it for real).
    'POST /sites/:id/confirm-down': { person: 'required', permission: 'noc:operate', path: () => '/v1/sites/no-such-site/confirm-down', ok: 404 },
    'DELETE /sites/:id/confirm-down': { person: 'required', permission: 'noc:operate', path: () => '/v1/sites/no-such-site/confirm-down', ok: 404 },
    // Only the platform admin reloads the policy pack; the folder unchanged, a permitted caller gets 200 and nothing changes (test/policy-recheck.test.ts does it for real).
    'POST /policy/reload': { person: 'required', permission: 'policy:admin', path: () => '/v1/policy/reload', ok: 200 },
    // NOC readers read alerts, silences and rules; only operators acknowledge and silence.
    'GET /alerts': { person: 'required', permission: 'noc:read', path: () => '/v1/alerts', ok: 200 },
    'POST /alerts/:id/ack': { person: 'required', permission: 'noc:operate', path: () => `/v1/alerts/${alertId}/ack`, body: { comment: 'looking' }, ok: 200 },
    'GET /silences': { person: 'required', permission: 'noc:read', path: () => '/v1/silences', ok: 200 },
    'POST /silences': { person: 'required', permission: 'noc:operate', path: () => '/v1/silences', body: { matchers: { siteId: 'site-b' }, durationMinutes: 5, comment: 'access test' }, ok: 201 },
    'DELETE /silences/:id': {
      person: 'required',
      permission: 'noc:operate',
      path: async () => `/v1/silences/${(await h.call('POST', '/v1/silences', { matchers: { siteId: 'site-b' }, durationMinutes: 5, comment: 'to end' })).body.id}`,
      ok: 200,
    },
    'GET /alert-rules': { person: 'required', permission: 'noc:read', path: () => '/v1/alert-rules', ok: 200 },
    // Every role reads the timeline (a tenant its own workloads' events only: test/timeline.test.ts).
    'GET /events': { person: 'required', permission: 'timeline:read', path: () => '/v1/events', ok: 200 },
    // A failed sign-in needs no person; a person may record one too.
    'POST /audit': { person: 'optional', path: () => '/v1/audit', body: { action: 'login-failed', subject: 'user:mallory' }, ok: 201 },
  };

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile(), { simulator: true });
    workloadId = WorkloadSchema.parse((await h.callAs(USERS.operator, 'POST', '/v1/workloads', plan)).body).id;
    drainPlanId = (await h.call('POST', '/v1/sites/site-b/drain-plan')).body.id;
    drainId = (await h.call('POST', '/v1/drains', { planId: (await h.call('POST', '/v1/sites/site-b/drain-plan')).body.id })).body.id;
    alertId = (await h.cp.alerts.raise({ key: 'access-test', ruleId: 'access-test', severity: 'minor', siteId: 'site-a', summary: 'raised for the access test', runbook: 'none' })).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The status only: the body is dropped unread (the stream would never end). */
  const statusOf = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(h.cp.url + path, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await res.body?.cancel();
    return res.status;
  };

  it('has a case for every route the app serves, and no case for a route it does not', () => {
    expect(h.cp.routes.length).toBeGreaterThan(20);
    expect([...h.cp.routes].sort()).toEqual(Object.keys(CASES).sort());
  });

  it('answers every route × caller exactly as the rules say', { timeout: 60_000 }, async () => {
    const expected: Record<string, Record<string, number>> = {};
    const actual: Record<string, Record<string, number>> = {};
    for (const route of h.cp.routes) {
      const spec = CASES[route];
      if (!spec) continue; // reported by the test above
      const method = route.split(' ')[0]!;
      expected[route] = {};
      actual[route] = {};
      for (const caller of CALLERS) {
        expected[route][caller.name] = expectedStatus(spec, caller);
        actual[route][caller.name] = await statusOf(method, await spec.path(), spec.body, caller.headers());
      }
    }
    expect(actual).toEqual(expected);
  });

  it('says what is missing: the credential, the acting user, or the permission by name', async () => {
    const none = await h.send('GET', '/v1/sites');
    expect(none.status).toBe(401);
    expect(ErrorBodySchema.parse(none.body).error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/service credential/) });

    const alone = await h.callAs(null, 'GET', '/v1/workloads');
    expect(alone.status).toBe(401);
    expect(alone.body.error.message).toMatch(/acting user/);

    const expired = await h.send('GET', '/v1/sites', undefined, actingHeaders(USERS.operator, Date.now() - 61_000));
    expect(expired.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/expired/) });

    // Signed with the service token but living ten years: refused, saying why.
    const tenYears = await h.send('GET', '/v1/sites', undefined, actingHeaders(USERS.admin, Date.now() + 10 * 365 * 24 * 3_600_000));
    expect(tenYears.status).toBe(401);
    expect(tenYears.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'the acting user is refused: expiry too far ahead' });

    const executive = await h.callAs(USERS.executive, 'POST', '/v1/workloads', plan);
    expect(executive.status).toBe(403);
    expect(ErrorBodySchema.parse(executive.body).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/workloads:write/) });
    expect((await h.callAs(USERS.tenantA, 'GET', '/v1/audit')).body.error.message).toMatch(/audit:read/);
  });

  it('answers a known path asked with another method 405 with Allow, to the service only', async () => {
    expect((await h.send('PUT', '/v1/workloads/wl-0000000000000000')).status).toBe(401);
    for (const user of [null, USERS.executive]) {
      const res = await h.callAs(user, 'PUT', '/v1/workloads/wl-0000000000000000', {});
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, DELETE, OPTIONS');
      expect(ErrorBodySchema.parse(res.body).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    expect((await h.callAs(null, 'GET', '/v1/telemetry')).headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('mounts only declared routes: one without its access is refused, naming it', () => {
    const [sites] = V1_ROUTES;
    const { access: _access, ...withoutAccess } = sites!;
    const mount = () => mountRoutes(Router(), [withoutAccess as typeof sites & object], { deps: {} as never, gate: accessGate({ serviceToken: 'x' }) });
    expect(mount).toThrow('GET /sites says nobody may call it: declare its access');
  });

  it('keeps the probes open to anyone, and answers an unknown /v1 path only to the service', async () => {
    expect((await h.send('GET', '/healthz')).status).toBe(200);
    const ready = await h.send('GET', '/readyz');
    expect(ready.status).toBe(200);
    // Ready or not, and nothing else: the store and the versions are for the service.
    expect(ready.body).toEqual({ ok: true });
    expect((await h.send('GET', '/readyz', undefined, serviceHeaders())).body).toMatchObject({ ok: true, store: expect.any(String) });
    expect((await h.send('GET', '/v1/nothing-here')).status).toBe(401);
    expect((await h.callAs(null, 'GET', '/v1/nothing-here')).status).toBe(404);
  });
});
