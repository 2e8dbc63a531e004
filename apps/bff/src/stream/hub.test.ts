import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import type { Alert, StreamEvent, TimelineEvent } from '@corridor/shared';
import { audienceOf, lastEventIdOf, mayReceive, StreamHub, type Viewer } from './hub.ts';

const hubs: StreamHub[] = [];
afterEach(() => hubs.splice(0).forEach((h) => h.close()));

function hub(options: ConstructorParameters<typeof StreamHub>[1] = {}) {
  const h = new StreamHub(createLogger('test', 'silent'), { firstIdAfter: 100, ...options });
  hubs.push(h);
  return h;
}

const frame = (n: number, sites = 1): StreamEvent => ({
  id: 1,
  type: 'telemetry',
  data: { at: n, sites: Object.fromEntries(Array.from({ length: sites }, (_, i) => [`site-${i}`, { site_it_power_watts: n }])), links: {} },
});
const ids = (texts: Buffer[] | undefined) => texts?.map((t) => Number(/^id: (\d+)/.exec(t.toString())![1]));

describe('StreamHub positions', () => {
  it('numbers relayed events with its own consecutive ids and replays what follows a position', () => {
    const h = hub();
    expect([1, 2, 3].map((n) => h.publish(frame(n)))).toEqual([101, 102, 103]);
    expect(ids(h.since(101))).toEqual([102, 103]);
    expect(h.since(103)).toEqual([]);
    expect(ids(h.since(100))).toEqual([101, 102, 103]);
  });

  it('answers undefined (resync) for an evicted, a pre-start or a never-issued id', () => {
    const h = hub({ capacity: 2 });
    for (const n of [1, 2, 3, 4]) h.publish(frame(n));
    expect(ids(h.since(102))).toEqual([103, 104]);
    expect(h.since(101)).toBeUndefined();
    expect(h.since(99)).toBeUndefined();
    expect(h.since(105)).toBeUndefined();
  });

  it('makes every position before a resync void, and resumes from it', () => {
    const h = hub();
    h.publish(frame(1));
    const resync = h.resync('test');
    expect(resync).toBe(102);
    expect(h.since(101)).toBeUndefined();
    expect(h.since(102)).toEqual([]);
    h.publish(frame(2));
    expect(ids(h.since(102))).toEqual([103]);
  });

  it('bounds the buffer by bytes as well as by count', () => {
    const h = hub({ capacity: 100, capacityBytes: 10_000 });
    for (let n = 1; n <= 20; n++) h.publish(frame(n, 50)); // ~2 kB each
    const kept = ids(h.since(h.lastId - 1))!;
    expect(kept).toEqual([h.lastId]);
    expect(h.since(h.lastId - 10)).toBeUndefined();
  });

  it('reads Last-Event-ID from the header first, then ?lastEventId, ignoring anything but digits', () => {
    expect(lastEventIdOf('42', '7')).toBe(42);
    expect(lastEventIdOf(undefined, '7')).toBe(7);
    expect(lastEventIdOf('-1', undefined)).toBeUndefined();
    expect(lastEventIdOf('1e9', undefined)).toBeUndefined();
    expect(lastEventIdOf(undefined, ['1', '2'])).toBeUndefined();
  });
});

const timeline = (id: number, tenant?: string): StreamEvent => ({
  id: 1,
  type: 'timeline',
  data: { id, at: '2026-12-03T12:00:00.000Z', kind: 'migration', ...(tenant ? { tenant } : {}), summary: `event ${id}`, detail: {} } satisfies TimelineEvent,
});
const alert: StreamEvent = {
  id: 1,
  type: 'alert',
  data: {
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
  } satisfies Alert,
};
const tenantA: Viewer = { staff: false, tenant: 'tenant-a' };

describe('StreamHub audiences', () => {
  it('sends alerts to staff only, a timeline event to staff and its own tenant, the fleet to everyone', () => {
    expect(mayReceive(tenantA, audienceOf(alert))).toBe(false);
    expect(mayReceive(tenantA, audienceOf(timeline(1, 'tenant-b')))).toBe(false);
    expect(mayReceive(tenantA, audienceOf(timeline(2)))).toBe(false);
    expect(mayReceive(tenantA, audienceOf(timeline(3, 'tenant-a')))).toBe(true);
    expect(mayReceive(tenantA, audienceOf(frame(1)))).toBe(true);
    // A principal-less reader (never served: the route is gated) would get the fleet's events only.
    expect(mayReceive({ staff: false, tenant: undefined }, audienceOf(timeline(4)))).toBe(false);
    for (const e of [alert, timeline(1, 'tenant-b'), timeline(2), frame(1)]) expect(mayReceive({ staff: true }, audienceOf(e))).toBe(true);
  });

  it("replays to a tenant only what it may read, from any position, staff's included", () => {
    const h = hub();
    for (const e of [frame(1), alert, timeline(1, 'tenant-b'), timeline(2, 'tenant-a'), frame(2)]) h.publish(e);
    expect(ids(h.since(100, tenantA))).toEqual([101, 104, 105]);
    expect(ids(h.since(102, tenantA))).toEqual([104, 105]);
    expect(ids(h.since(100))).toEqual([101, 102, 103, 104, 105]);
  });
});
