import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import type { Alert, NotificationStatus } from '@corridor/shared';
import { EventBus } from '../events/event-bus.ts';
import { AlertNotifier } from './alert-notifier.ts';
import type { WebhookPayload } from './alertmanager-payload.ts';
import { backoffMs, DEFAULT_RETRY } from './webhook-delivery.ts';

const logger = createLogger('notifier-test', 'silent');

/** A webhook receiver on 127.0.0.1: answers each POST with the next scripted status (200 once the script runs out), or never when `hang`. */
async function receiver(script: (number | 'hang')[] = []) {
  const received: { at: number; payload: WebhookPayload }[] = [];
  const attempts: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts.push(Date.now());
      const next = script.shift() ?? 200;
      if (next === 'hang') return; // never answers: the notifier's deadline must end the try
      if (next === 200) received.push({ at: Date.now(), payload: JSON.parse(body) as WebhookPayload });
      res.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  return {
    url,
    received,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    ruleId: 'gpu-temperature-high',
    severity: 'critical',
    state: 'firing',
    siteId: 'ma-benguerir-1',
    summary: 'GPU max 91 °C at Benguerir',
    value: 91,
    unit: '°C',
    runbook: 'Check the cooling loop.',
    startsAt: '2026-12-03T11:00:00.000Z',
    firingAt: '2026-12-03T11:01:00.000Z',
    silencedBy: [],
    inMaintenance: false,
    notification: { state: 'none', attempts: 0 },
    ...overrides,
  };
}

/** Polls until `check` passes or the deadline passes (then its last failure is thrown). */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * A bus, a notifier on it and an alert sink that does what alerts/ does: keeps the delivery state on
 * the alert and republishes it (so a notifier reacting to its own reports would loop).
 */
function harness(webhooks: string[], retry = { baseDelayMs: 50, maxDelayMs: 1000, maxAttempts: 5, timeoutMs: 2000 }) {
  const bus = new EventBus();
  const current = new Map<string, Alert>();
  const reports: NotificationStatus[] = [];
  const sink = {
    async recordNotification(alertId: string, status: NotificationStatus) {
      reports.push(status);
      const a = current.get(alertId);
      if (a) publish({ ...a, notification: status });
    },
  };
  const publish = (a: Alert) => {
    current.set(a.id, a);
    bus.publish('alert', a);
  };
  const notifier = new AlertNotifier({ bus, logger, webhooks, consoleUrl: 'https://noc.example.test/', alerts: sink, retry });
  notifier.start();
  return { bus, publish, reports, notifier, latest: (id = 'al-1') => current.get(id)! };
}

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stoppers.splice(0)) await stop();
});

async function setup(script?: (number | 'hang')[], retry?: Parameters<typeof harness>[1]) {
  const r = await receiver(script);
  const h = harness([r.url], retry);
  stoppers.push(r.close, () => h.notifier.stop());
  return { r, ...h };
}

describe('alert notifications to webhooks (Alertmanager format)', () => {
  it('sends firing then resolved in the Alertmanager v4 shape, with a stable fingerprint', async () => {
    const { r, publish, latest, reports } = await setup();
    publish(alert());
    await eventually(() => expect(r.received).toHaveLength(1));
    publish({ ...latest(), state: 'resolved', resolvedAt: '2026-12-03T11:09:00.000Z', value: 70 });
    await eventually(() => expect(r.received).toHaveLength(2));

    const [firing, resolved] = r.received.map((x) => x.payload);
    expect(firing).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'corridor',
      truncatedAlerts: 0,
      externalURL: 'https://noc.example.test',
      groupLabels: { alertname: 'gpu-temperature-high', site: 'ma-benguerir-1' },
      commonLabels: { alertname: 'gpu-temperature-high', severity: 'critical', site: 'ma-benguerir-1' },
      commonAnnotations: { summary: 'GPU max 91 °C at Benguerir', runbook: 'Check the cooling loop.' },
    });
    expect(firing!.groupKey).toBe('{}:{alertname="gpu-temperature-high", site="ma-benguerir-1"}');
    expect(firing!.alerts).toEqual([
      {
        status: 'firing',
        labels: { alertname: 'gpu-temperature-high', severity: 'critical', site: 'ma-benguerir-1' },
        annotations: expect.objectContaining({ summary: 'GPU max 91 °C at Benguerir', corridor_alert_id: 'al-1' }),
        startsAt: '2026-12-03T11:01:00.000Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'https://noc.example.test/?view=alerts&alert=al-1',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
    expect(resolved!.status).toBe('resolved');
    expect(resolved!.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-12-03T11:09:00.000Z', fingerprint: firing!.alerts[0]!.fingerprint });
    await eventually(() => expect(reports.at(-1)).toMatchObject({ state: 'delivered', last: 'resolved', attempts: 1 }));
    // A link's alert names the link, and another series has another fingerprint.
    publish(alert({ id: 'al-2', ruleId: 'link-loss-high', siteId: undefined, linkId: 'medusa-nador-marseille', severity: 'major' }));
    await eventually(() => expect(r.received).toHaveLength(3));
    expect(r.received[2]!.payload.commonLabels).toEqual({ alertname: 'link-loss-high', severity: 'major', link: 'medusa-nador-marseille' });
    expect(r.received[2]!.payload.alerts[0]!.fingerprint).not.toBe(firing!.alerts[0]!.fingerprint);
  });

  it('retries a receiver that answers 500 with growing waits until it is delivered, showing each try', async () => {
    const { r, publish, reports } = await setup([500, 500, 503]);
    publish(alert());
    await eventually(() => expect(r.received).toHaveLength(1));
    expect(r.attempts).toHaveLength(4);
    const gaps = r.attempts.slice(1).map((t, i) => t - r.attempts[i]!);
    // Waits of 50, 100 and 200 ms (−20 % jitter at most): a busy machine only makes them longer.
    expect(gaps[0]).toBeGreaterThanOrEqual(40 - 2);
    expect(gaps[1]).toBeGreaterThanOrEqual(80 - 2);
    expect(gaps[2]).toBeGreaterThanOrEqual(160 - 2);
    await eventually(() => expect(reports.at(-1)).toMatchObject({ state: 'delivered', last: 'firing', attempts: 4 }));
    expect(reports.filter((s) => s.state === 'pending' && s.error).map((s) => [s.attempts, s.error])).toEqual([
      [1, 'HTTP 500'],
      [2, 'HTTP 500'],
      [3, 'HTTP 503'],
    ]);
  });

  it('survives a receiver that hangs or is down: a try ends at its deadline, and the bus is never held up', async () => {
    // Only the first try hangs; the deadline leaves the later tries room on a loaded machine (a 200 ms deadline with
    // 3 tries once timed every try out under the whole suite's load, and the alert was never delivered).
    const { r, publish, reports } = await setup(['hang'], { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 6, timeoutMs: 1000 });
    publish(alert());
    // The publisher got control back before the receiver was even reached: delivery happens off its path.
    expect(r.attempts).toHaveLength(0);
    await eventually(() => expect(r.received).toHaveLength(1), 15_000);
    expect(reports.find((s) => s.error)?.error).toBe('no answer within 1000 ms');

    // Nobody listening at all: tried maxAttempts times, then failed with the reason, and the next alert still goes out.
    const down = await receiver();
    await down.close();
    const h = harness([down.url], { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3, timeoutMs: 200 });
    stoppers.push(() => h.notifier.stop());
    h.publish(alert({ id: 'al-down' }));
    await eventually(() => expect(h.reports.at(-1)).toMatchObject({ state: 'failed', last: 'firing', attempts: 3 }));
    expect(h.reports.at(-1)!.error).toMatch(/1 of 1 webhook\(s\) not delivered: .*ECONNREFUSED/);
  });

  it.each([
    ['silenced', (a: Alert): Alert => ({ ...a, silencedBy: ['sil-1'] })],
    ['acknowledged', (a: Alert): Alert => ({ ...a, acknowledgement: { by: 'amina', comment: 'on it', at: '2026-12-03T11:02:00.000Z' } })],
    ['in maintenance', (a: Alert): Alert => ({ ...a, inMaintenance: true })],
  ])('sends resolved for an alert notified as firing, then %s', async (_, change) => {
    const { r, publish, latest } = await setup();
    publish(alert());
    await eventually(() => expect(r.received).toHaveLength(1));
    publish(change(latest()));
    publish({ ...change(latest()), state: 'resolved', resolvedAt: '2026-12-03T11:20:00.000Z' });
    await eventually(() => expect(r.received).toHaveLength(2));
    expect(r.received.map((x) => x.payload.status)).toEqual(['firing', 'resolved']);
  });

  it('does not notify an alert silenced (or in maintenance) when it fires: suppressed, and no resolved either', async () => {
    const { r, publish, latest, reports, notifier } = await setup();
    publish(alert({ silencedBy: ['sil-1'] }));
    publish(alert({ id: 'al-m', inMaintenance: true }));
    await eventually(() => expect(reports.filter((s) => s.state === 'suppressed')).toHaveLength(2));
    publish({ ...latest(), state: 'resolved', resolvedAt: '2026-12-03T11:20:00.000Z' });
    // Another alert after them, on the same receiver: once it arrives, nothing of the silenced ones did.
    publish(alert({ id: 'al-open' }));
    await eventually(() => expect(r.received).toHaveLength(1));
    await notifier.settled();
    expect(r.received.map((x) => x.payload.commonAnnotations.corridor_alert_id)).toEqual(['al-open']);
    // The silence ends while the other still fires: it is notified then.
    publish({ ...latest('al-m'), inMaintenance: false });
    await eventually(() => expect(r.received).toHaveLength(2));
    expect(r.received[1]!.payload.commonAnnotations.corridor_alert_id).toBe('al-m');
  });

  it('after a restart, owes the resolved of an alert notified as firing before, and does not send its firing again', async () => {
    const { r, publish, latest } = await setup();
    const notifiedBefore = alert({ id: 'al-old', notification: { state: 'delivered', last: 'firing', attempts: 1, deliveredAt: '2026-12-03T11:01:01.000Z' } });
    publish(notifiedBefore);
    publish({ ...notifiedBefore, silencedBy: ['sil-9'] });
    publish({ ...latest('al-old'), state: 'resolved', resolvedAt: '2026-12-03T11:30:00.000Z' });
    await eventually(() => expect(r.received).toHaveLength(1));
    expect(r.received[0]!.payload).toMatchObject({ status: 'resolved', commonAnnotations: { corridor_alert_id: 'al-old' } });
  });

  it('notifies again when an alert escalates, and never because of its own delivery reports', async () => {
    const { r, publish, latest, notifier } = await setup();
    publish(alert());
    await eventually(() => expect(latest().notification.state).toBe('delivered'));
    publish({ ...latest(), escalatedAt: '2026-12-03T11:16:00.000Z' });
    await eventually(() => expect(r.received).toHaveLength(2));
    expect(r.received[1]!.payload).toMatchObject({ status: 'firing', commonAnnotations: { escalated_at: '2026-12-03T11:16:00.000Z' } });
    await eventually(() => expect(latest().notification.state).toBe('delivered'));
    await notifier.settled();
    expect(r.received).toHaveLength(2);
  });
});

describe('backoff between tries', () => {
  it('doubles from the base up to the cap, within ±20 % jitter', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(10, policy, () => 0.5)).toBe(60_000);
    expect(backoffMs(1, policy, () => 0)).toBe(800);
    expect(backoffMs(1, policy, () => 0.999999)).toBe(1200);
  });
});
