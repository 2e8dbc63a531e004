import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteHealthSchema, WorkloadDetailSchema, WorkloadSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

describe.each(STORE_KINDS)('an operator confirms a site down, and withdraws it (%s store)', (kind) => {
  let h: PlacementHarness;
  const operator = USERS.operator.username;

  const auditOf = async (action: string, subject: string) =>
    ((await h.call('GET', '/v1/audit?limit=200')).body.records as { action: string; actor: string; subject: string }[]).filter((r) => r.action === action && r.subject === subject);
  const healthOf = async (siteId: string) => SiteHealthSchema.parse((await h.call('GET', '/v1/live')).body.health[siteId]);

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  }, 120_000);
  afterAll(() => h?.close());

  it('reads the site down everywhere, moves its workloads elsewhere, and audits and tells the timeline who did it', async () => {
    const committed = await h.call('POST', '/v1/workloads', workloadBody());
    expect(committed.status).toBe(201);
    const workload = WorkloadSchema.parse(committed.body);
    const siteId = workload.siteId!;
    await h.cp.supervisor.step();

    const confirmed = await h.call('POST', `/v1/sites/${siteId}/confirm-down`);
    expect(confirmed.status).toBe(200);
    expect(SiteHealthSchema.parse(confirmed.body)).toMatchObject({ siteId, health: 'down', reason: `confirmed down by ${operator}`, confirmedBy: operator });
    expect(await healthOf(siteId)).toMatchObject({ health: 'down', reason: `confirmed down by ${operator}` });

    await h.cp.supervisor.step();
    const moved = WorkloadDetailSchema.parse((await h.call('GET', `/v1/workloads/${workload.id}`)).body).workload;
    expect(moved.siteId).not.toBe(siteId);
    expect(moved.state).not.toBe('stranded');

    expect(await auditOf('site-confirmed-down', `site:${siteId}`)).toEqual([expect.objectContaining({ actor: operator })]);
    const events = (await h.call('GET', `/v1/events?kind=health&site=${siteId}`)).body.events as { actor?: string; summary: string }[];
    expect(events).toContainEqual(expect.objectContaining({ actor: operator, summary: expect.stringMatching(/confirmed down by/) }));

    // Confirming again changes nothing and records nothing; the confirmation is stored for a restart.
    expect((await h.call('POST', `/v1/sites/${siteId}/confirm-down`)).status).toBe(200);
    expect(await auditOf('site-confirmed-down', `site:${siteId}`)).toHaveLength(1);
    expect((await h.cp.db.query('SELECT confirmed_by FROM site_confirmed_down WHERE site_id = $1', [siteId])).rows).toEqual([{ confirmed_by: operator }]);

    const withdrawn = await h.call('DELETE', `/v1/sites/${siteId}/confirm-down`);
    expect(withdrawn.status).toBe(200);
    expect(SiteHealthSchema.parse(withdrawn.body).health).not.toBe('down');
    expect((await healthOf(siteId)).reason ?? '').not.toMatch(/confirmed down/);
    expect((await healthOf(siteId)).confirmedBy).toBeUndefined();
    expect(await auditOf('site-down-confirmation-withdrawn', `site:${siteId}`)).toEqual([expect.objectContaining({ actor: operator })]);
    expect((await h.call('DELETE', `/v1/sites/${siteId}/confirm-down`)).status).toBe(200);
    expect(await auditOf('site-down-confirmation-withdrawn', `site:${siteId}`)).toHaveLength(1);
    expect((await h.cp.db.query('SELECT 1 FROM site_confirmed_down')).rows).toEqual([]);
  });

  it('answers 404 for a site the fleet does not know and 400 naming the field for a malformed id, storing nothing', async () => {
    const unknown = await h.call('POST', '/v1/sites/no-such-site/confirm-down');
    expect(unknown.status).toBe(404);
    const malformed = await h.call('POST', `/v1/sites/${encodeURIComponent('Not An Id!')}/confirm-down`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields?.[0]?.field).toBeDefined();
    expect((await h.cp.db.query(`SELECT 1 FROM site_confirmed_down WHERE site_id IN ('no-such-site', 'Not An Id!')`)).rows).toEqual([]);
  });
});
