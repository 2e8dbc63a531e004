import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { MaintenanceListSchema, MaintenanceWindowSchema, PlanSchema } from '@corridor/shared';
import { buildFleetFile, buildJurisdiction, buildOperator, buildSite } from '@corridor/shared/testing';
import { FleetService } from '../src/fleet/fleet-service.ts';
import { MaintenanceService } from '../src/maintenance/maintenance-service.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const at = (ms: number) => new Date(ms).toISOString();

/** Two Moroccan sites and one in Texas (another zone), each with H100s. */
function fleetFile() {
  const base = buildFleetFile();
  const us = buildOperator({ id: 'operator-us', controlledBy: 'US' });
  const dallas = buildSite({ id: 'site-us', name: 'Dallas', operatorId: us.id, country: 'US', city: 'Dallas', lat: 32.78, lon: -96.8 });
  return { ...base, jurisdictions: [buildJurisdiction(), buildJurisdiction({ code: 'US', name: 'United States' })], operators: [...base.operators, us], sites: [...base.sites, dallas] };
}

describe.each(STORE_KINDS)('maintenance windows, on %s', (kind) => {
  let h: PlacementHarness;
  const windowsStored = async () => (await h.cp.db.query<{ n: number }>('SELECT count(*)::int AS n FROM maintenance_windows')).rows[0]!.n;

  beforeAll(async () => {
    h = await placementHarness(kind, fleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('puts a site in maintenance while a window is in force: placement rejects it "in maintenance until …", and deleting it lets it back in', async () => {
    const now = Date.now();
    const endsAt = at(now + 2 * HOUR_MS);
    const created = await h.call('POST', '/v1/maintenance', { siteId: 'site-a', startsAt: at(now - 60_000), endsAt, reason: 'chiller swap' });
    expect(created.status).toBe(201);
    const window = MaintenanceWindowSchema.parse(created.body);
    expect(window).toMatchObject({ siteId: 'site-a', active: true, createdBy: 'amina', reason: 'chiller swap', timeZone: 'Africa/Casablanca', current: { endsAt } });

    const plan = PlanSchema.parse((await h.call('POST', '/v1/placements/plan', workloadBody({ gpus: { count: 8, model: 'H100' } }))).body);
    const rejected = plan.rejected.find((r) => r.siteId === 'site-a');
    expect(rejected?.reasons).toContainEqual(expect.objectContaining({ code: 'SITE_NOT_OPERATIONAL', message: expect.stringContaining('in maintenance until') }));
    expect(plan.candidates.map((c) => c.siteId)).not.toContain('site-a');
    // Committing cannot land there either.
    const committed = await h.call('POST', '/v1/workloads', workloadBody({ gpus: { count: 8, model: 'H100' } }));
    expect(committed.body.siteId).not.toBe('site-a');

    const listed = MaintenanceListSchema.parse((await h.call('GET', '/v1/maintenance?site=site-a&active=true')).body);
    expect(listed.windows.map((w) => w.id)).toEqual([window.id]);
    expect(MaintenanceListSchema.parse((await h.call('GET', '/v1/maintenance?site=site-b')).body).windows).toEqual([]);

    expect((await h.call('DELETE', `/v1/maintenance/${window.id}`)).status).toBe(200);
    expect((await h.call('DELETE', `/v1/maintenance/${window.id}`)).status).toBe(404);
    const after = PlanSchema.parse((await h.call('POST', '/v1/placements/plan', workloadBody({ gpus: { count: 8, model: 'H100' } }))).body);
    expect(after.candidates.map((c) => c.siteId)).toContain('site-a');
    const audit = (await h.call('GET', '/v1/audit?limit=20')).body.records as { action: string; actor: string; subject: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: 'maintenance-scheduled', actor: 'amina', subject: 'site:site-a' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'maintenance-deleted', actor: 'amina', subject: 'site:site-a' }));
  });

  it('repeats a weekly window: in force in its second week; a window yet to come is listed, not in force, with its next occurrence', async () => {
    const now = Date.now();
    const weekly = await h.call('POST', '/v1/maintenance', {
      siteId: 'site-b',
      startsAt: at(now - 7 * DAY_MS - HOUR_MS),
      endsAt: at(now - 7 * DAY_MS + HOUR_MS),
      recurrence: 'weekly',
      reason: 'weekly patching',
    });
    expect(weekly.body).toMatchObject({ active: true, recurrence: 'weekly', current: { startsAt: at(now - 7 * DAY_MS - HOUR_MS + 7 * DAY_MS) } });
    const later = await h.call('POST', '/v1/maintenance', { siteId: 'site-us', startsAt: at(now + DAY_MS), endsAt: at(now + DAY_MS + HOUR_MS), reason: 'fibre work' });
    expect(later.body).toMatchObject({ active: false, current: { startsAt: at(now + DAY_MS) }, timeZone: 'America/Chicago' });
    const inactive = MaintenanceListSchema.parse((await h.call('GET', '/v1/maintenance?active=false')).body).windows;
    expect(inactive.map((w) => w.id)).toContain(later.body.id);
    expect(inactive.map((w) => w.id)).not.toContain(weekly.body.id);
    // A window on a link takes the zone of its first end.
    const link = await h.call('POST', '/v1/maintenance', { linkId: 'link-a-b', startsAt: at(now + DAY_MS), endsAt: at(now + 2 * DAY_MS), reason: 'splice' });
    expect(link.body).toMatchObject({ linkId: 'link-a-b', timeZone: 'Africa/Casablanca' });
    expect(MaintenanceListSchema.parse((await h.call('GET', '/v1/maintenance?link=link-a-b')).body).windows.map((w) => w.id)).toEqual([link.body.id]);
    for (const id of [weekly.body.id, later.body.id, link.body.id]) await h.call('DELETE', `/v1/maintenance/${id}`);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const before = await windowsStored();
    const now = Date.now();
    const ok = { siteId: 'site-a', startsAt: at(now), endsAt: at(now + HOUR_MS), reason: 'x' };
    const cases: [unknown, string][] = [
      [{ ...ok, reason: undefined }, 'reason'],
      [{ ...ok, reason: '   ' }, 'reason'],
      [{ ...ok, endsAt: at(now - HOUR_MS) }, 'endsAt'],
      [{ ...ok, startsAt: 'tomorrow' }, 'startsAt'],
      [{ ...ok, linkId: 'link-a-b' }, 'siteId'],
      [{ ...ok, siteId: 'site-nowhere' }, 'siteId'],
      [{ ...ok, siteId: undefined, linkId: 'link-nowhere' }, 'linkId'],
      [{ ...ok, endsAt: at(now + 8 * DAY_MS), recurrence: 'weekly' }, 'endsAt'],
      [{ ...ok, recurrence: 'daily' }, 'recurrence'],
      [{ ...ok, reason: 'a'.repeat(501) }, 'reason'],
      [{ ...ok, reason: 'bad \ud800 text' }, 'reason'],
      [{ ...ok, extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/v1/maintenance', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field)
        expect(
          res.body.error.fields.map((f: { field: string }) => f.field),
          JSON.stringify(body),
        ).toContain(field);
    }
    expect((await h.call('GET', '/v1/maintenance?active=maybe')).status).toBe(400);
    expect(await windowsStored()).toBe(before);
  });

  it('answers the alert service from memory, and ends a window by itself: the site is declared back as it ends', async () => {
    let now = Date.now() + 30 * DAY_MS;
    const declared: [string, string | undefined][] = [];
    const service = new MaintenanceService({
      db: h.cp.db,
      fleet: new FleetService(h.cp.db),
      logger: createLogger('test', 'silent'),
      status: { setMaintenance: (siteId, until) => declared.push([siteId, until]) },
      now: () => now,
    });
    await service.start();
    try {
      const w = await service.create({ siteId: 'site-us', startsAt: at(now), endsAt: at(now + HOUR_MS), reason: 'power test' }, 'amina');
      expect(declared).toContainEqual(['site-us', at(now + HOUR_MS)]);
      expect(service.activeFor({ siteId: 'site-us' }, now + 1000)).toEqual({ windowId: w.id, endsAt: at(now + HOUR_MS) });
      expect(service.activeFor({ siteId: 'site-a' }, now + 1000)).toBeUndefined();
      expect(service.activeFor({ siteId: 'site-us' }, now + HOUR_MS)).toBeUndefined();
      now += HOUR_MS;
      await service.refresh();
      expect(declared.at(-1)).toEqual(['site-us', undefined]);
      const [listed] = await service.list({ site: 'site-us' });
      expect(listed).toMatchObject({ id: w.id, active: false });
      expect(listed!.current).toBeUndefined();
      await service.delete(w.id, 'amina');
    } finally {
      service.close();
    }
  });
});
