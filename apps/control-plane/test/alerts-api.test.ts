import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRuleListSchema, AlertSchema, ErrorBodySchema, SilenceSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { USERS } from './auth.ts';
import { placementHarness, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

/** The /v1 alert routes as the BFF calls them: bad input is a 400 naming the field and stores nothing. */
describe.each(STORE_KINDS)('the alert API on %s', (kind) => {
  let h: PlacementHarness;
  const rows = async (table: 'alert_silences' | 'audit_log', where = 'true') => Number((await h.cp.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]!.n);
  const raise = (key: string) => h.cp.alerts.raise({ key, ruleId: 'drain-blocked', severity: 'critical', siteId: 'site-a', summary: `raised ${key}`, runbook: 'Read it.' });
  const fieldOf = (body: unknown) => ErrorBodySchema.parse(body).error.fields?.map((f) => f.field);

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves the rules with their conditions in words', async () => {
    const { status, body } = await h.call('GET', '/v1/alert-rules');
    expect(status).toBe(200);
    const rules = AlertRuleListSchema.parse(body).rules;
    expect(rules.map((r) => r.id)).toContain('cable-cut');
    expect(rules.find((r) => r.id === 'pue-above-design')).toMatchObject({ condition: 'site_pue_ratio > design PUE + 0.3 for 2 min', forSeconds: 120, severity: 'major' });
  });

  it('acknowledges with the acting user as who; 400 naming the field and nothing stored; 404 unknown; 409 resolved', async () => {
    const alert = await raise('api-ack');
    const audits = await rows('audit_log', `action = 'alert-ack'`);
    for (const [body, field] of [
      [{}, 'comment'],
      [{ comment: '   ' }, 'comment'],
      [{ comment: 'ok', etaMinutes: 0 }, 'etaMinutes'],
      [{ comment: 'ok', etaMinutes: 1.5 }, 'etaMinutes'],
      [{ comment: 'ok', by: 'someone-else' }, '(root)'],
      [{ comment: 'x'.repeat(501) }, 'comment'],
    ] as const) {
      const answer = await h.call('POST', `/v1/alerts/${alert.id}/ack`, body);
      expect([answer.status, fieldOf(answer.body)]).toEqual([400, [field]]);
    }
    expect(await rows('audit_log', `action = 'alert-ack'`)).toBe(audits);
    expect((await h.call('GET', '/v1/alerts?site=site-a')).body.alerts.find((a: { id: string }) => a.id === alert.id).acknowledgement).toBeUndefined();

    const hostile = '<img src=x onerror=alert(1)> "; DROP TABLE alerts; --';
    const acked = await h.call('POST', `/v1/alerts/${alert.id}/ack`, { comment: hostile, etaMinutes: 20 });
    expect(acked.status).toBe(200);
    expect(AlertSchema.parse(acked.body).acknowledgement).toMatchObject({ by: USERS.operator.username, comment: hostile });

    expect((await h.call('POST', '/v1/alerts/no-such-alert/ack', { comment: 'x' })).status).toBe(404);
    await h.cp.alerts.clear('api-ack');
    const late = await h.call('POST', `/v1/alerts/${alert.id}/ack`, { comment: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/resolved/);
  });

  it('takes parallel acknowledgements of one alert: every one audited, the alert holds one of them', async () => {
    const alert = await raise('api-parallel');
    const before = await rows('audit_log', `action = 'alert-ack' AND subject = 'alert:${alert.id}'`);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => h.call('POST', `/v1/alerts/${alert.id}/ack`, { comment: `ack ${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(await rows('audit_log', `action = 'alert-ack' AND subject = 'alert:${alert.id}'`)).toBe(before + 12);
    const [listed] = (await h.call('GET', '/v1/alerts?state=firing&severity=critical')).body.alerts.filter((a: { id: string }) => a.id === alert.id);
    expect(answers.map((a) => a.body.acknowledgement.comment)).toContain(listed.acknowledgement.comment);
  });

  it('filters the list and refuses a bad filter naming it', async () => {
    const bad = await h.call('GET', '/v1/alerts?state=burning');
    expect([bad.status, fieldOf(bad.body)]).toEqual([400, ['state']]);
    const badSeverity = await h.call('GET', '/v1/alerts?severity=urgent');
    expect([badSeverity.status, fieldOf(badSeverity.body)]).toEqual([400, ['severity']]);
    expect((await h.call('GET', '/v1/alerts?link=link-a-b')).body.alerts).toEqual([]);
  });

  it('creates, lists and ends silences; 400 naming the field and nothing stored; 404 unknown', async () => {
    const silences = await rows('alert_silences');
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const [body, field] of [
      [{ matchers: {}, durationMinutes: 5, comment: 'x' }, 'matchers'],
      [{ matchers: { siteId: 'site-a' }, comment: 'x' }, 'endsAt'],
      [{ matchers: { siteId: 'site-a' }, durationMinutes: 5, endsAt: past, comment: 'x' }, 'endsAt'],
      [{ matchers: { siteId: 'site-a' }, endsAt: past, comment: 'x' }, 'endsAt'],
      [{ matchers: { siteId: 'site-a' }, durationMinutes: 5, comment: '' }, 'comment'],
      [{ matchers: { severity: 'urgent' }, durationMinutes: 5, comment: 'x' }, 'matchers.severity'],
      [{ matchers: { siteId: 'site-a' }, durationMinutes: 5, comment: 'x', startsAt: 'tomorrow' }, 'startsAt'],
    ] as const) {
      const answer = await h.call('POST', '/v1/silences', body);
      expect([answer.status, fieldOf(answer.body)]).toEqual([400, [field]]);
    }
    expect(await rows('alert_silences')).toBe(silences);

    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => h.call('POST', '/v1/silences', { matchers: { linkId: 'link-a-b' }, durationMinutes: 10 + i, comment: `window ${i}` })));
    expect(created.map((c) => c.status)).toEqual(Array(8).fill(201));
    const ids = created.map((c) => SilenceSchema.parse(c.body).id);
    expect(new Set(ids).size).toBe(8);
    const listed = (await h.call('GET', '/v1/silences')).body.silences.map((s: { id: string }) => s.id);
    expect(listed).toEqual(expect.arrayContaining(ids));

    const ended = await h.call('DELETE', `/v1/silences/${ids[0]}`);
    expect(ended.status).toBe(200);
    expect(SilenceSchema.parse(ended.body)).toMatchObject({ state: 'expired', expiredAt: expect.any(String) });
    expect((await h.call('DELETE', '/v1/silences/no-such-silence')).status).toBe(404);
  });
});
