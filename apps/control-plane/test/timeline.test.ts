import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { ErrorBodySchema, TimelinePageSchema, type StreamEvent, type TimelineEvent } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { EventBus } from '../src/events/event-bus.ts';
import { TimelineService } from '../src/timeline/timeline-service.ts';
import { USERS } from './auth.ts';
import { placementHarness, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const logger = createLogger('timeline-test', 'silent');

/** Polls until `check` passes or the deadline passes (then its last failure is thrown). */
async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe.each(STORE_KINDS)('the timeline, on %s', (kind) => {
  let h: PlacementHarness;
  const recorded: TimelineEvent[] = [];

  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
    const t = h.cp.timeline;
    // Oldest first: a fault, two tenants' workloads, a health change.
    recorded.push(await t.record({ kind: 'fault', linkId: 'link-x', actor: 'system', summary: 'cable cut injected on link link-x', detail: {}, at: '2026-12-01T10:00:00.000Z' }));
    recorded.push(
      await t.record({ kind: 'commit', siteId: 'site-a', workloadId: 'wl-a1', tenant: 'tenant-a', actor: 'tenant-a', summary: 'placed on site-a', detail: {}, at: '2026-12-01T11:00:00.000Z' }),
    );
    recorded.push(
      await t.record({ kind: 'commit', siteId: 'site-b', workloadId: 'wl-b1', tenant: 'tenant-b', actor: 'tenant-b', summary: 'placed on site-b', detail: {}, at: '2026-12-01T12:00:00.000Z' }),
    );
    recorded.push(
      await t.record({
        kind: 'migration',
        siteId: 'site-c',
        workloadId: 'wl-a1',
        tenant: 'tenant-a',
        actor: 'system',
        summary: 'moved from site-a to site-c: site down',
        detail: { from: 'site-a', to: 'site-c', reason: 'site down' },
        at: '2026-12-01T13:00:00.000Z',
      }),
    );
    recorded.push(await t.record({ kind: 'health', siteId: 'site-a', actor: 'system', summary: 'site site-a ok → down', detail: { from: 'ok', to: 'down' }, at: '2026-12-01T14:00:00.000Z' }));
  });
  afterAll(() => h?.close());

  const page = async (user: (typeof USERS)[keyof typeof USERS], query = '') => {
    const res = await h.callAs(user, 'GET', `/v1/events${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return TimelinePageSchema.parse(res.body);
  };
  const ids = (events: readonly TimelineEvent[]) => events.map((e) => e.id);
  const ours = (events: readonly TimelineEvent[]) => events.filter((e) => recorded.some((r) => r.id === e.id));

  it('numbers events in increasing order and answers them newest first, with what was recorded', async () => {
    for (let i = 1; i < recorded.length; i++) expect(recorded[i]!.id).toBeGreaterThan(recorded[i - 1]!.id);
    const { events } = await page(USERS.operator, '?limit=1000');
    expect(ids(ours(events))).toEqual(ids(recorded).reverse());
    expect(events.find((e) => e.id === recorded[3]!.id)).toEqual(recorded[3]);
  });

  it('gives a tenant user only the events of its own workloads, whatever it asks for', async () => {
    expect(ids((await page(USERS.tenantA, '?limit=1000')).events)).toEqual([recorded[3]!.id, recorded[1]!.id]);
    expect((await page(USERS.tenantA, '?workload=wl-b1')).events).toEqual([]);
    expect((await page(USERS.tenantA, '?site=site-b')).events).toEqual([]);
    expect(ids((await page(USERS.tenantB)).events)).toEqual([recorded[2]!.id]);
    // Staff of every role read everything.
    for (const user of [USERS.executive, USERS.admin]) expect(ours((await page(user, '?limit=1000')).events)).toHaveLength(recorded.length);
  });

  it('filters by kind, site, link, workload and time', async () => {
    expect(ids((await page(USERS.operator, '?kind=commit')).events)).toEqual([recorded[2]!.id, recorded[1]!.id]);
    expect(ids((await page(USERS.operator, '?site=site-a')).events)).toEqual([recorded[4]!.id, recorded[1]!.id]);
    expect(ids((await page(USERS.operator, '?link=link-x')).events)).toEqual([recorded[0]!.id]);
    expect(ids((await page(USERS.operator, '?workload=wl-a1')).events)).toEqual([recorded[3]!.id, recorded[1]!.id]);
    const window = '?from=2026-12-01T11:00:00Z&to=2026-12-01T13:00:00Z';
    expect(ids((await page(USERS.operator, window)).events)).toEqual([recorded[2]!.id, recorded[1]!.id]);
  });

  it('pages back with before: every event once, in order, and no nextBefore on the last page', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const p = await page(USERS.operator, `?site=site-a&limit=1${before ? `&before=${before}` : ''}`);
      seen.push(...ids(p.events));
      before = p.nextBefore;
      pages++;
    } while (before !== undefined && pages < 10);
    expect(seen).toEqual([recorded[4]!.id, recorded[1]!.id]);
    expect(pages).toBe(2);
  });

  it('answers bad input with a 400 naming each field', async () => {
    const res = await h.callAs(USERS.operator, 'GET', '/v1/events?kind=coffee&limit=0&from=yesterday&before=-3');
    expect(res.status).toBe(400);
    const fields = ErrorBodySchema.parse(res.body).error.fields!.map((f) => f.field);
    expect(fields.sort()).toEqual(['before', 'from', 'kind', 'limit']);
  });

  it('publishes what it records as a timeline stream event, and follows faults and health changes', async () => {
    const bus = new EventBus();
    const seen: StreamEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const timeline = new TimelineService({ db: h.cp.db, bus, logger });
    const stop = timeline.follow({ 'site-q': { siteId: 'site-q', declared: 'operational', health: 'ok', since: 1 } });
    bus.publish('fault', { action: 'injected', fault: { id: 'f1', kind: 'site-down', siteId: 'site-q', sinceMs: 2 } });
    bus.publish('site-health', { siteId: 'site-q', declared: 'operational', health: 'down', reason: 'site down (injected fault)', since: 3 });
    // The same health again, with another reason only: not a change.
    bus.publish('site-health', { siteId: 'site-q', declared: 'operational', health: 'down', reason: 'other words', since: 4 });
    await eventually(async () => {
      await timeline.settled();
      expect(seen.filter((e) => e.type === 'timeline')).toHaveLength(2);
    });
    stop();
    const published = seen.filter((e) => e.type === 'timeline').map((e) => e.data as TimelineEvent);
    expect(published.map((e) => [e.kind, e.siteId, e.summary])).toEqual([
      ['fault', 'site-q', 'site down injected on site site-q'],
      ['health', 'site-q', 'site site-q ok → down: site down (injected fault)'],
    ]);
    const stored = await page(USERS.operator, '?site=site-q');
    expect(stored.events).toEqual([...published].reverse());
  });
});
