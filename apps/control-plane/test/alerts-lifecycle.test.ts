import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@corridor/store';
import type { Alert, Sample, StreamEvent } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { parseAlertRules } from '../src/alerts/alert-rules.ts';
import { AlertService } from '../src/alerts/alert-service.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { auditKeyring, withAuditKeys } from '../src/audit/audit-keys.ts';
import { EventBus } from '../src/events/event-bus.ts';
import { FleetService } from '../src/fleet/fleet-service.ts';
import { syncFleet } from '../src/fleet/fleet-store.ts';
import type { TimelineInput } from '../src/noc/ports.ts';
import { migrate } from '../src/store/migrate.ts';
import { STORE_KINDS, freshStore } from './stores.ts';

const T0 = Date.UTC(2026, 11, 3, 10);

/** GPU max temperature > 85 °C for 2 s, escalated after 60 s unacknowledged; site down with no `for`. */
const RULES = parseAlertRules([
  {
    name: 'test.yaml',
    text: JSON.stringify({
      rules: [
        {
          id: 'gpu-hot',
          metric: 'gpu_temperature_max_celsius',
          scope: 'site',
          condition: '>',
          threshold: 85,
          unit: '°C',
          for: '2s',
          severity: 'critical',
          summary: 'GPU {value} {unit} at {entity}',
          runbook: 'Cool it.',
          escalateAfter: '60s',
        },
        { id: 'lossy', metric: 'link_loss_ratio', scope: 'link', condition: '>', threshold: 1, unit: '%', for: '0s', severity: 'minor', summary: 'loss {value} {unit} on {entity}', runbook: 'Look.' },
      ],
    }),
  },
]);

const hot = (atMs: number, value: number, siteId = 'site-a'): Sample => ({ metric: 'gpu_temperature_max_celsius', siteId, at: atMs, value });

describe.each(STORE_KINDS)('the alert lifecycle on %s', (kind) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let nowMs = T0;
  let events: StreamEvent[];
  let timeline: TimelineInput[];
  let inMaintenance: Set<string>;
  let alerts: AlertService;

  const make = (maxSeries?: number) => {
    const bus = new EventBus(1000, () => nowMs);
    bus.subscribe((e) => events.push(e));
    return new AlertService({
      db,
      bus,
      fleet: new FleetService(db),
      rules: RULES,
      now: () => nowMs,
      timeline: { record: async (input) => (timeline.push(input), { ...input, id: timeline.length, at: new Date(nowMs).toISOString() }) },
      maintenance: { activeFor: (e) => (e.siteId && inMaintenance.has(e.siteId) ? { windowId: 'w1', endsAt: new Date(nowMs + 3_600_000).toISOString() } : undefined) },
      ...(maxSeries ? { maxSeries } : {}),
    });
  };
  const alertEvents = () => events.filter((e): e is Extract<StreamEvent, { type: 'alert' }> => e.type === 'alert').map((e) => e.data);
  /** Feeds samples at second `s` after T0 (the clock moves with them) and waits for their changes. */
  const feed = async (service: AlertService, ...samples: Sample[]) => {
    service.observe(samples);
    await service.flush();
  };
  const at = (s: number) => (nowMs = T0 + s * 1000);

  beforeAll(async () => {
    const store = await freshStore(kind);
    db = withAuditKeys(await openDb(store), auditKeyring('k'.repeat(32)));
    cleanup = async () => {
      await db.close();
      await store.cleanup();
    };
    await migrate(db);
    await syncFleet(db, buildFleetFile(), 'v1');
  });
  afterAll(() => cleanup?.());
  beforeEach(async () => {
    await db.query('DELETE FROM alerts');
    await db.query('DELETE FROM alert_silences');
    events = [];
    timeline = [];
    inMaintenance = new Set();
    nowMs = T0;
    alerts = make();
    await alerts.start();
  });

  it('goes pending, firing after `for`, resolved once clear for `for`; each change on the stream and stored', async () => {
    await feed(alerts, hot(at(0), 90));
    expect(alertEvents().map((a) => a.state)).toEqual(['pending']);
    await feed(alerts, hot(at(1), 91));
    await feed(alerts, hot(at(2), 92));
    const firing = alertEvents().at(-1)!;
    expect(firing).toMatchObject({
      state: 'firing',
      ruleId: 'gpu-hot',
      siteId: 'site-a',
      severity: 'critical',
      value: 92,
      unit: '°C',
      summary: 'GPU 92 °C at Site A',
      startsAt: new Date(T0).toISOString(),
    });
    expect(firing.firingAt).toBe(new Date(T0 + 2000).toISOString());
    expect(await alerts.list({})).toEqual([firing]);
    expect(timeline.map((t) => [t.kind, t.detail['transition']])).toEqual([['alert', 'firing']]);

    await feed(alerts, hot(at(3), 80), hot(at(4), 80));
    expect(alertEvents().at(-1)!.state).toBe('firing'); // clear for 1 s of the 2 s it must
    await feed(alerts, hot(at(5), 80));
    const resolved = alertEvents().at(-1)!;
    expect(resolved).toMatchObject({ id: firing.id, state: 'resolved', resolvedAt: new Date(T0 + 5000).toISOString(), value: 80 });
    expect((await alerts.list({ state: 'resolved' })).map((a) => a.id)).toEqual([firing.id]);
    // A new episode is a new alert.
    await feed(alerts, hot(at(6), 95));
    expect(alertEvents().at(-1)!.id).not.toBe(firing.id);
  });

  it('acknowledges with who, comment and ETA: audited, on the timeline; 404 unknown, 409 resolved', async () => {
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90));
    const [alert] = await alerts.list({ state: 'firing' });
    at(10);
    const acked = await alerts.ack(alert!.id, { comment: 'chiller 2 restarting', etaMinutes: 30 }, 'olivia');
    expect(acked.acknowledgement).toEqual({ by: 'olivia', comment: 'chiller 2 restarting', at: new Date(T0 + 10_000).toISOString(), eta: new Date(T0 + 10_000 + 30 * 60_000).toISOString() });
    expect(alertEvents().at(-1)).toEqual(acked);
    expect(timeline.at(-1)).toMatchObject({ kind: 'ack', actor: 'olivia', siteId: 'site-a' });
    const audit = await listAudit(db, { limit: 5, action: 'alert-ack' });
    expect(audit.records[0]).toMatchObject({ actor: 'olivia', subject: `alert:${alert!.id}`, detail: { comment: 'chiller 2 restarting' } });

    await expect(alerts.ack('no-such-alert', { comment: 'x' }, 'olivia')).rejects.toThrow(/no alert "no-such-alert"/);
    await feed(alerts, hot(at(11), 70), hot(at(12), 70), hot(at(13), 70));
    await expect(alerts.ack(alert!.id, { comment: 'late' }, 'olivia')).rejects.toMatchObject({ status: 409 });
    // The acknowledgement ended with the episode: the next one starts unacknowledged.
    await feed(alerts, hot(at(14), 90), hot(at(15), 90), hot(at(16), 90));
    expect((await alerts.list({ state: 'firing' }))[0]!.acknowledgement).toBeUndefined();
  });

  it('escalates a firing alert left unacknowledged past escalateAfter, once, and not an acknowledged one', async () => {
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90), hot(at(0), 90, 'site-b'), hot(at(1), 90, 'site-b'), hot(at(2), 90, 'site-b'));
    const b = (await alerts.list({ site: 'site-b' }))[0]!;
    await alerts.ack(b.id, { comment: 'on it' }, 'olivia');
    at(61);
    await feed(alerts, hot(nowMs, 90), hot(nowMs, 90, 'site-b'));
    await alerts.tick();
    expect(alertEvents().some((a) => a.escalatedAt)).toBe(false); // 59 s after firing
    at(62);
    await alerts.tick();
    const escalated = alertEvents().filter((a) => a.escalatedAt);
    expect(escalated.map((a) => [a.siteId, a.escalatedAt])).toEqual([['site-a', new Date(T0 + 62_000).toISOString()]]);
    expect(timeline.filter((t) => t.detail['transition'] === 'escalated').map((t) => t.siteId)).toEqual(['site-a']);
    at(120);
    await alerts.tick();
    expect(alertEvents().filter((a) => a.escalatedAt)).toHaveLength(1);
  });

  it('silences: a silenced alert still fires and resolves, lists its silences; the silence expires by itself', async () => {
    const silence = await alerts.createSilence({ matchers: { ruleId: 'gpu-hot', siteId: 'site-a' }, durationMinutes: 1, comment: 'chiller swap' }, 'olivia');
    expect(silence).toMatchObject({ state: 'active', createdBy: 'olivia', startsAt: new Date(T0).toISOString(), endsAt: new Date(T0 + 60_000).toISOString() });
    expect((await listAudit(db, { limit: 1, action: 'silence-created' })).records[0]).toMatchObject({ actor: 'olivia', subject: `silence:${silence.id}` });
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90), hot(at(0), 90, 'site-b'), hot(at(1), 90, 'site-b'), hot(at(2), 90, 'site-b'));
    const bySite = Object.fromEntries((await alerts.list({ state: 'firing' })).map((a) => [a.siteId, a.silencedBy]));
    expect(bySite).toEqual({ 'site-a': [silence.id], 'site-b': [] });

    await feed(alerts, hot(at(59), 90));
    at(60);
    await alerts.tick();
    expect((await alerts.list({ site: 'site-a' }))[0]).toMatchObject({ state: 'firing', silencedBy: [] });
    expect((await alerts.listSilences()).map((s) => s.state)).toEqual(['expired']);
    expect(timeline.filter((t) => t.kind === 'silence').map((t) => t.detail['transition'])).toEqual(['created', 'ended']);
    // Not audited: nobody ended it.
    expect((await listAudit(db, { limit: 5, action: 'silence-expired' })).records).toEqual([]);
  });

  it('records firing and resolved of a silenced alert, and an operator can end a silence early (audited)', async () => {
    const silence = await alerts.createSilence({ matchers: { severity: 'critical' }, durationMinutes: 60, comment: 'known' }, 'olivia');
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90), hot(at(3), 70), hot(at(4), 70), hot(at(5), 70));
    expect(alertEvents().map((a) => [a.state, a.silencedBy])).toEqual([
      ['pending', [silence.id]],
      ['firing', [silence.id]],
      ['resolved', [silence.id]],
    ]);
    await feed(alerts, hot(at(6), 90), hot(at(7), 90), hot(at(8), 90));
    at(9);
    const ended = await alerts.expireSilence(silence.id, 'omar');
    expect(ended).toMatchObject({ state: 'expired', expiredAt: new Date(T0 + 9000).toISOString() });
    expect(alertEvents().at(-1)).toMatchObject({ state: 'firing', silencedBy: [] });
    expect((await listAudit(db, { limit: 1, action: 'silence-expired' })).records[0]).toMatchObject({ actor: 'omar', subject: `silence:${silence.id}` });
    await expect(alerts.expireSilence('nope', 'omar')).rejects.toThrow(/no silence "nope"/);
  });

  it('marks alerts on an entity in an active maintenance window', async () => {
    inMaintenance.add('site-a');
    await feed(alerts, hot(at(0), 90), hot(at(0), 90, 'site-b'));
    expect(Object.fromEntries(alertEvents().map((a) => [a.siteId, a.inMaintenance]))).toEqual({ 'site-a': true, 'site-b': false });
    inMaintenance.clear();
    at(1);
    await alerts.tick();
    expect((await alerts.list({ site: 'site-a' }))[0]!.inMaintenance).toBe(false);
  });

  it('keeps open alerts and silences across a restart: the same episode resolves after it', async () => {
    const silence = await alerts.createSilence({ matchers: { siteId: 'site-a' }, durationMinutes: 60, comment: 'known' }, 'olivia');
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90));
    const [before] = await alerts.list({ state: 'firing' });
    const restarted = make();
    await restarted.start();
    at(3);
    await feed(restarted, hot(at(3), 70), hot(at(4), 70), hot(at(5), 70));
    const after = alertEvents().at(-1)!;
    expect(after).toMatchObject({ id: before!.id, state: 'resolved', silencedBy: [silence.id] });
    expect((await restarted.listSilences()).map((s) => s.id)).toEqual([silence.id]);
  });

  it('raises and clears the control plane’s own alerts, and stores each notification’s delivery', async () => {
    const raised = await alerts.raise({
      key: 'drain:d1',
      ruleId: 'drain-blocked',
      severity: 'critical',
      siteId: 'site-a',
      summary: '2 workloads have nowhere lawful to go',
      runbook: 'Read the reasons.',
    });
    expect(raised).toMatchObject({ state: 'firing', ruleId: 'drain-blocked', value: null, silencedBy: [], notification: { state: 'none', attempts: 0 } });
    const again = await alerts.raise({
      key: 'drain:d1',
      ruleId: 'drain-blocked',
      severity: 'critical',
      siteId: 'site-a',
      summary: '1 workload has nowhere lawful to go',
      runbook: 'Read the reasons.',
    });
    expect(again.id).toBe(raised.id);
    await alerts.recordNotification(raised.id, { state: 'delivered', last: 'firing', attempts: 1, deliveredAt: new Date(nowMs).toISOString() });
    expect((await alerts.list({}))[0]).toMatchObject({ id: raised.id, summary: '1 workload has nowhere lawful to go', notification: { state: 'delivered', attempts: 1 } });
    await alerts.clear('drain:d1');
    expect(alertEvents().at(-1)).toMatchObject({ id: raised.id, state: 'resolved' });
    await alerts.clear('drain:d1'); // nothing open: nothing happens
    expect(alertEvents().filter((a: Alert) => a.state === 'resolved')).toHaveLength(1);
  });

  it('records a late delivery report on a resolved alert without losing the episode that followed it', async () => {
    await feed(alerts, hot(at(0), 90), hot(at(1), 90), hot(at(2), 90), hot(at(3), 70), hot(at(4), 70), hot(at(5), 70));
    const first = alertEvents().at(-1)!;
    expect(first.state).toBe('resolved');
    await feed(alerts, hot(at(6), 90), hot(at(7), 90), hot(at(8), 90));
    const second = alertEvents().at(-1)!;
    await alerts.recordNotification(first.id, { state: 'delivered', last: 'resolved', attempts: 1 });
    expect((await alerts.list({ state: 'resolved' })).find((a) => a.id === first.id)!.notification.state).toBe('delivered');
    await feed(alerts, hot(at(9), 70), hot(at(10), 70), hot(at(11), 70));
    expect(alertEvents().at(-1)).toMatchObject({ id: second.id, state: 'resolved' });
  });

  it('tracks a bounded number of series', async () => {
    const small = make(1);
    await small.start();
    await feed(small, hot(at(0), 90), hot(at(0), 90, 'site-b'));
    expect(small.seriesCount).toBe(1);
  });
});
