import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrainPlanSchema, DrainSchema, ErrorBodySchema, MaintenanceListSchema, MaintenanceWindowSchema, PlanSchema, WorkloadSchema, type Drain } from '@corridor/shared';
import { realStack, type Fetch, type RealStack } from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const HOUR_MS = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const WRITE = { 'X-CSRF': '1', 'Content-Type': 'application/json' };
const post = (f: Fetch, path: string, body?: unknown) => f(path, { method: 'POST', headers: WRITE, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

/** Through the BFF as the console calls it: an operator schedules, plans and drains; others read or are refused. */
describe.each(STORE_KINDS)('maintenance and drains through the BFF (BFF store %s)', (kind) => {
  let stack: RealStack;
  let operator: Fetch;
  let executive: Fetch;
  let tenant: Fetch;

  beforeAll(async () => {
    stack = await realStack(kind);
    operator = stack.bff.fetch;
    executive = (await stack.bff.as('executive')).fetch;
    tenant = (await stack.bff.as('tenant-a')).fetch;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('an operator drains a site and puts it in maintenance: the workload runs elsewhere, placement refuses the site, the executive reads it all', async () => {
    const committed = await post(tenant, '/api/workloads', {
      name: 'Claims model',
      tenant: 'tenant-a',
      kind: 'inference',
      sector: 'commercial',
      dataClass: 'internal',
      dataOrigin: 'MA',
      gpus: { count: 16, model: 'H100' },
    });
    expect(committed.status).toBe(201);
    const workload = WorkloadSchema.parse(await committed.json());
    const siteId = workload.siteId!;

    const planRes = await post(operator, `/api/sites/${siteId}/drain-plan`);
    expect(planRes.status).toBe(201);
    const plan = DrainPlanSchema.parse(await planRes.json());
    const move = plan.moves.find((m) => m.workloadId === workload.id)!;
    expect(move.to).not.toBeNull();
    expect(move.to).not.toBe(siteId);

    const started = await post(operator, '/api/drains', { planId: plan.id });
    expect(started.status).toBe(201);
    let drain: Drain = DrainSchema.parse(await started.json());
    const deadline = Date.now() + 30_000;
    while (drain.state === 'running' && Date.now() < deadline) drain = DrainSchema.parse(await (await executive(`/api/drains/${drain.id}`)).json());
    expect(drain.state).toBe('done');
    expect(drain.items.find((i) => i.workloadId === workload.id)).toMatchObject({ state: 'moved', from: siteId, to: move.to });

    const now = Date.now();
    const scheduled = await post(operator, '/api/maintenance', { siteId, startsAt: at(now - 60_000), endsAt: at(now + HOUR_MS), reason: 'UPS replacement' });
    expect(scheduled.status).toBe(201);
    const window = MaintenanceWindowSchema.parse(await scheduled.json());
    expect(window).toMatchObject({ active: true, createdBy: 'operator', timeZone: 'Africa/Casablanca' });

    const planned = PlanSchema.parse(
      await (await post(tenant, '/api/placements/plan', { name: 'x', tenant: 'tenant-a', kind: 'batch', sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA', gpus: { count: 8 } })).json(),
    );
    expect(
      planned.rejected
        .find((r) => r.siteId === siteId)
        ?.reasons.map((r) => r.message)
        .join(' '),
    ).toContain('in maintenance until');

    const listed = MaintenanceListSchema.parse(await (await executive(`/api/maintenance?site=${siteId}&active=true`)).json());
    expect(listed.windows.map((w) => w.id)).toEqual([window.id]);
    // Reading is not operating: the executive may not schedule, delete or drain.
    expect((await post(executive, '/api/maintenance', { siteId, startsAt: at(now), endsAt: at(now + HOUR_MS), reason: 'x' })).status).toBe(403);
    expect((await executive(`/api/maintenance/${window.id}`, { method: 'DELETE', headers: WRITE })).status).toBe(403);
    expect((await tenant('/api/maintenance')).status).toBe(403);

    expect((await operator(`/api/maintenance/${window.id}`, { method: 'DELETE', headers: WRITE })).status).toBe(200);
    expect(MaintenanceListSchema.parse(await (await operator(`/api/maintenance?site=${siteId}`)).json()).windows).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, and nothing reaches the store', async () => {
    const before = MaintenanceListSchema.parse(await (await operator('/api/maintenance')).json()).windows.length;
    const now = Date.now();
    for (const [body, field] of [
      [{ siteId: 'site-a', startsAt: at(now), endsAt: at(now - HOUR_MS), reason: 'x' }, 'endsAt'],
      [{ siteId: 'site-a', startsAt: 'soon', endsAt: at(now), reason: 'x' }, 'startsAt'],
      [{ siteId: 'site-a', linkId: 'link-a-b', startsAt: at(now), endsAt: at(now + HOUR_MS), reason: 'x' }, 'siteId'],
      [{ siteId: 'site-a', startsAt: at(now), endsAt: at(now + HOUR_MS), reason: '<script>\ud800</script>' }, 'reason'],
      [{ siteId: 'site-nowhere', startsAt: at(now), endsAt: at(now + HOUR_MS), reason: 'x' }, 'siteId'],
    ] as const) {
      const res = await post(operator, '/api/maintenance', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(ErrorBodySchema.parse(await res.json()).error.fields?.map((f) => f.field)).toContain(field);
    }
    const bad = await post(operator, '/api/drains', { planId: 42 });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(await bad.json()).error.fields?.map((f) => f.field)).toContain('planId');
    expect((await post(operator, '/api/drains', { planId: 'dp-unknown' })).status).toBe(404);
    expect((await operator('/api/drains/dr-unknown')).status).toBe(404);
    expect(MaintenanceListSchema.parse(await (await operator('/api/maintenance')).json()).windows).toHaveLength(before);
  });
});
