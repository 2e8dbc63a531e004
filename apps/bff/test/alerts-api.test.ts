import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertListSchema, AlertRuleListSchema, AlertSchema, ErrorBodySchema, SilenceListSchema, SilenceSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { realControlPlane, startBff, type RunningBff } from './harness.ts';

const WRITE = { 'X-CSRF': '1', 'Content-Type': 'application/json' };

/** The console's alert API over two real control planes: lists merged, each change sent where the alert or silence lives. */
describe('alerts, acknowledgement and silences through the BFF', () => {
  let first: Awaited<ReturnType<typeof realControlPlane>>;
  let second: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;

  beforeAll(async () => {
    first = await realControlPlane(buildFleetFile());
    second = await realControlPlane(buildFleetFile());
    bff = await startBff([first.cp.url, second.cp.url]);
  }, 180_000); // two control planes and a BFF: ~15 s on a quiet machine, over 50 s at load 20 on 2 cores
  afterAll(async () => {
    await bff?.close();
    for (const plane of [first, second]) {
      await plane?.cp.close();
      plane?.cleanup();
    }
  });

  const post = (path: string, body: unknown, fetcher = bff.fetch) => fetcher(path, { method: 'POST', headers: WRITE, body: JSON.stringify(body) });

  it('lists the alerts of every control plane, worst first, and acknowledges one where it lives, as the signed-in operator', async () => {
    const minor = await first.cp.alerts.raise({ key: 'bff-minor', ruleId: 'drain-blocked', severity: 'minor', siteId: 'site-a', summary: 'minor on the first', runbook: 'r' });
    const critical = await second.cp.alerts.raise({ key: 'bff-critical', ruleId: 'drain-blocked', severity: 'critical', siteId: 'site-b', summary: 'critical on the second', runbook: 'r' });
    const list = await bff.fetch('/api/alerts');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(AlertListSchema.parse(await list.json()).alerts.map((a) => a.id)).toEqual([critical.id, minor.id]);
    const bySite = AlertListSchema.parse(await (await bff.fetch('/api/alerts?site=site-a')).json()).alerts;
    expect(bySite.map((a) => a.id)).toEqual([minor.id]);

    const acked = await post(`/api/alerts/${critical.id}/ack`, { comment: 'crew on site', etaMinutes: 45 });
    expect(acked.status).toBe(200);
    expect(AlertSchema.parse(await acked.json()).acknowledgement).toMatchObject({ by: 'operator', comment: 'crew on site', eta: expect.any(String) });
    expect((await second.cp.alerts.list({ site: 'site-b' }))[0]!.acknowledgement?.by).toBe('operator');
  });

  it('refuses bad input naming the field (nothing reaches a control plane), an unknown alert with 404, a resolved one with 409', async () => {
    const alert = await first.cp.alerts.raise({ key: 'bff-bad', ruleId: 'drain-blocked', severity: 'major', siteId: 'site-a', summary: 's', runbook: 'r' });
    const bad = await post(`/api/alerts/${alert.id}/ack`, { comment: '', etaMinutes: -5 });
    expect(bad.status).toBe(400);
    expect(
      ErrorBodySchema.parse(await bad.json())
        .error.fields?.map((f) => f.field)
        .sort(),
    ).toEqual(['comment', 'etaMinutes']);
    expect((await first.cp.alerts.list({ site: 'site-a' })).find((a) => a.id === alert.id)!.acknowledgement).toBeUndefined();
    expect((await bff.fetch('/api/alerts?state=firing&severity=huge')).status).toBe(400);

    expect((await post('/api/alerts/no-such-alert/ack', { comment: 'x' })).status).toBe(404);
    await first.cp.alerts.clear('bff-bad');
    expect((await post(`/api/alerts/${alert.id}/ack`, { comment: 'x' })).status).toBe(409);
  });

  it('lets executives read but not acknowledge or silence, and keeps tenants out', async () => {
    const executive = (await bff.as('executive')).fetch;
    expect((await executive('/api/alerts')).status).toBe(200);
    expect((await executive('/api/alert-rules')).status).toBe(200);
    expect((await post('/api/alerts/x/ack', { comment: 'x' }, executive)).status).toBe(403);
    expect((await post('/api/silences', { matchers: { siteId: 'site-a' }, durationMinutes: 5, comment: 'x' }, executive)).status).toBe(403);
    const tenant = (await bff.as('tenant-a')).fetch;
    expect((await tenant('/api/alerts')).status).toBe(403);
  });

  it('creates a silence on the control plane that owns its site, lists silences of all, ends one; 404 unknown', async () => {
    await bff.fetch('/api/sites'); // the BFF learns who owns which site from its fleet reads
    const created = await post('/api/silences', { matchers: { siteId: 'site-a', severity: 'major' }, durationMinutes: 30, comment: 'cooling works' });
    expect(created.status).toBe(201);
    const silence = SilenceSchema.parse(await created.json());
    expect(silence).toMatchObject({ createdBy: 'operator', state: 'active', matchers: { siteId: 'site-a', severity: 'major' } });
    const onSecond = await second.cp.alerts.createSilence({ matchers: { ruleId: 'cable-cut' }, durationMinutes: 10, comment: 'other plane' }, 'omar');
    const listed = SilenceListSchema.parse(await (await bff.fetch('/api/silences')).json()).silences.map((s) => s.id);
    expect(listed).toEqual(expect.arrayContaining([silence.id, onSecond.id]));

    const ended = await bff.fetch(`/api/silences/${onSecond.id}`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });
    expect(ended.status).toBe(200);
    expect(SilenceSchema.parse(await ended.json()).state).toBe('expired');
    expect((await bff.fetch('/api/silences/no-such-silence', { method: 'DELETE', headers: { 'X-CSRF': '1' } })).status).toBe(404);
    const bad = await post('/api/silences', { matchers: { siteId: 'site-a' }, durationMinutes: 5, endsAt: new Date().toISOString(), comment: 'x' });
    expect([bad.status, ErrorBodySchema.parse(await bad.json()).error.fields?.map((f) => f.field)]).toEqual([400, ['endsAt']]);
  });

  it('serves the rules', async () => {
    const rules = AlertRuleListSchema.parse(await (await bff.fetch('/api/alert-rules')).json()).rules;
    expect(rules.find((r) => r.id === 'cable-cut')).toMatchObject({ scope: 'link', severity: 'critical', forSeconds: 0 });
  });
});
