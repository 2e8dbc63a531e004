import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import type { StreamEvent } from '@corridor/shared';
import { lastEventIdOf, StreamHub } from './hub.ts';

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
