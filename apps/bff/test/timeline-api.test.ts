import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, TimelinePageSchema, type Alert, type TimelineEvent } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { realControlPlane, startBff, type Fetch, type RunningBff, type RunningControlPlane } from './harness.ts';
import { eventually, fakeControlPlane, frame, openBrowser, startStreamBff, type Browser } from './stream-helpers.ts';

const alert: Alert = {
  id: 'al-1',
  ruleId: 'site-down',
  severity: 'critical',
  state: 'firing',
  siteId: 'site-0',
  summary: 'site down',
  value: null,
  unit: '',
  runbook: 'Call the site.',
  startsAt: '2026-12-03T12:00:00.000Z',
  silencedBy: [],
  inMaintenance: false,
  notification: { state: 'none', attempts: 0 },
};
type TimelineInput = Parameters<RunningControlPlane['timeline']['record']>[0];
const timelineEvent = (id: number, tenant?: string): TimelineEvent => ({
  id,
  at: '2026-12-03T12:00:00.000Z',
  kind: 'migration',
  ...(tenant ? { tenant, workloadId: `wl-${tenant}` } : {}),
  summary: `event ${id}`,
  detail: {},
});
const kinds = (b: Browser) => b.events.map((m) => (m.event === 'timeline' ? `timeline:${(JSON.parse(m.data) as TimelineEvent).tenant ?? '-'}` : m.event));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('the live stream per reader (real BFF, stand-in control plane)', () => {
  // Four browsers and a BFF on shared cores: a minute (35 s were seen at load 20).
  it('never sends a tenant an alert or another tenant’s timeline event; staff get everything; replay filters alike', { timeout: 60_000 }, async () => {
    const cp = await fakeControlPlane();
    cleanups.push(() => cp.close());
    const bff = await startStreamBff([cp.url], { backoffInitialMs: 50, backoffMaxMs: 200 });
    cleanups.push(() => bff.close());
    await bff.connected();
    const [tenantA, tenantB, executive] = await Promise.all(['tenant-a', 'tenant-b', 'executive'].map((u) => bff.as(u)));
    const readers = await Promise.all([tenantA, tenantB, executive, bff].map((s) => openBrowser({ url: bff.url, cookie: s!.cookie })));
    cleanups.push(() => readers.forEach((b) => b.close()));
    await eventually(async () => expect((await bff.stats()).clients).toBe(4));
    const [a, b, exec, operator] = readers as [Browser, Browser, Browser, Browser];

    cp.publish('telemetry', frame(1));
    cp.publish('alert', alert);
    cp.publish('timeline', timelineEvent(1, 'tenant-b'));
    cp.publish('timeline', timelineEvent(2, 'tenant-a'));
    cp.publish('timeline', timelineEvent(3));
    cp.publish('telemetry', frame(2));
    await eventually(() => expect(operator.events).toHaveLength(6));
    await eventually(() => expect([a.events.length, b.events.length]).toEqual([3, 3]));

    const everything = ['telemetry', 'alert', 'timeline:tenant-b', 'timeline:tenant-a', 'timeline:-', 'telemetry'];
    expect(kinds(operator)).toEqual(everything);
    expect(kinds(exec)).toEqual(everything);
    expect(kinds(a)).toEqual(['telemetry', 'timeline:tenant-a', 'telemetry']);
    expect(kinds(b)).toEqual(['telemetry', 'timeline:tenant-b', 'telemetry']);
    // The bytes a tenant gets are the staff's bytes for the same id (one serialisation per event).
    expect(a.events[1]).toEqual(operator.events.find((m) => m.id === a.events[1]!.id));

    // A tenant resuming from its first event is replayed the rest, filtered the same way.
    const resumed = await openBrowser({ url: bff.url, cookie: tenantA!.cookie }, a.events[0]!.id);
    cleanups.push(() => resumed.close());
    await eventually(() => expect(resumed.events).toHaveLength(2));
    expect(resumed.events).toEqual(a.events.slice(1));
    expect(resumed.messages.some((m) => m.event === 'resync')).toBe(false);
  });
});

describe('GET /api/events and /api/events.csv (real control plane)', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: RunningBff;
  let as: Record<'operator' | 'tenantA' | 'tenantB', Fetch>;
  const recorded: TimelineEvent[] = [];
  const record = async (input: TimelineInput) => {
    const event = await upstream.cp.timeline.record(input);
    recorded.push(event);
    return event;
  };

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    bff = await startBff([upstream.cp.url]);
    as = { operator: bff.fetch, tenantA: (await bff.as('tenant-a')).fetch, tenantB: (await bff.as('tenant-b')).fetch };
    await record({ kind: 'fault', linkId: 'link-a-b', actor: 'system', summary: 'cable cut injected on link link-a-b', detail: { action: 'injected' } });
    await record({ kind: 'commit', siteId: 'site-a', workloadId: 'wl-a', tenant: 'tenant-a', actor: 'tenant-a', summary: 'placed on site-a', detail: {} });
    await record({
      kind: 'migration',
      siteId: 'site-b',
      workloadId: 'wl-b',
      tenant: 'tenant-b',
      actor: 'system',
      // Hostile text: a formula, a quote, a comma and a line break.
      summary: '=HYPERLINK("http://evil.example","moved"), then\nmore',
      detail: { from: 'site-a', to: 'site-b', reason: 'site down' },
    });
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  const pageOf = async (fetch: Fetch, query = '') => {
    const res = await fetch(`/api/events${query}`);
    expect(res.status).toBe(200);
    return TimelinePageSchema.parse(await res.json());
  };
  const ours = (events: TimelineEvent[]) => events.filter((e) => recorded.some((r) => r.id === e.id)).map((e) => e.id);

  it('gives staff every event and a tenant only its own workloads’ events', async () => {
    expect(ours((await pageOf(as.operator)).events)).toEqual(recorded.map((e) => e.id).reverse());
    expect((await pageOf(as.tenantA)).events.map((e) => e.id)).toEqual([recorded[1]!.id]);
    expect((await pageOf(as.tenantA, '?workload=wl-b')).events).toEqual([]);
    expect((await pageOf(as.tenantB)).events).toEqual([recorded[2]]);
  });

  it('answers bad filters with a 400 naming each field, before asking the control plane', async () => {
    const res = await as.operator('/api/events?limit=5000&kind=coffee&to=soon');
    expect(res.status).toBe(400);
    expect(
      ErrorBodySchema.parse(await res.json())
        .error.fields!.map((f) => f.field)
        .sort(),
    ).toEqual(['kind', 'limit', 'to']);
    expect((await as.operator('/api/events.csv?before=0')).status).toBe(400);
  });

  it('exports the same filters as RFC 4180 CSV, hostile text quoted and disarmed, a tenant’s own rows only', async () => {
    const res = await as.operator('/api/events.csv?site=site-b');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="corridor-events.csv"');
    const m = recorded[2]!;
    expect(await res.text()).toBe(
      'id,at,kind,site,link,workload,tenant,actor,summary,detail\r\n' +
        `${m.id},${m.at},migration,site-b,,wl-b,tenant-b,system,"'=HYPERLINK(""http://evil.example"",""moved""), then\nmore","${JSON.stringify(m.detail).replace(/"/g, '""')}"\r\n`,
    );
    const tenantCsv = await (await as.tenantA('/api/events.csv')).text();
    expect(tenantCsv.trim().split('\r\n')).toHaveLength(2);
    expect(tenantCsv).toContain(',wl-a,tenant-a,');
    // A capped export says where the next one starts.
    const capped = await as.operator('/api/events.csv?limit=1');
    expect(capped.headers.get('x-next-before')).toBe(String(recorded[2]!.id));
  });

  it('streams a recorded event to its tenant and to staff, never to another tenant', async () => {
    const readers = await Promise.all([bff.as('tenant-a'), bff.as('tenant-b'), Promise.resolve(bff)].map(async (s) => openBrowser({ url: bff.url, cookie: (await s).cookie })));
    cleanups.push(() => readers.forEach((r) => r.close()));
    const [a, b, operator] = readers as [Browser, Browser, Browser];
    // Wait for the BFF's subscription, then record one event per tenant.
    await eventually(async () => {
      const stats = (await (await bff.fetch('/api/stream/stats')).json()) as { upstreams: { connected: boolean }[] };
      expect(stats.upstreams.every((u) => u.connected)).toBe(true);
    });
    const forB = await record({ kind: 'release', workloadId: 'wl-b', tenant: 'tenant-b', actor: 'tenant-b', summary: 'released', detail: {} });
    const forA = await record({ kind: 'release', workloadId: 'wl-a', tenant: 'tenant-a', actor: 'tenant-a', summary: 'released', detail: {} });
    const timelineIds = (r: Browser) => r.events.filter((m) => m.event === 'timeline').map((m) => (JSON.parse(m.data) as TimelineEvent).id);
    await eventually(() => expect(timelineIds(operator)).toEqual([forB.id, forA.id]));
    await eventually(() => expect(timelineIds(a)).toEqual([forA.id]));
    await eventually(() => expect(timelineIds(b)).toEqual([forB.id]));
  });
});
