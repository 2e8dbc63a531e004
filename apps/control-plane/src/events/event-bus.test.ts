import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.ts';

const health = (siteId: string) => ({ siteId, declared: 'operational' as const, health: 'ok' as const, since: 0 });

describe('EventBus', () => {
  it('numbers events in increasing order and delivers them to every subscriber', () => {
    const bus = new EventBus(10, () => 1000);
    const a: number[] = [];
    const b: number[] = [];
    bus.subscribe((e) => a.push(e.id));
    const unsubscribe = bus.subscribe((e) => b.push(e.id));
    bus.publish('site-health', health('x'));
    unsubscribe();
    bus.publish('site-health', health('y'));
    expect(a).toEqual([1_000_001, 1_000_002]);
    expect(b).toEqual([1_000_001]);
  });

  it('replays exactly what a client missed, and nothing when it is up to date', () => {
    const bus = new EventBus(10, () => 1);
    for (const id of ['a', 'b', 'c']) bus.publish('site-health', health(id));
    expect(bus.since(1001)?.map((e) => e.id)).toEqual([1002, 1003]);
    expect(bus.since(1003)).toEqual([]);
  });

  it('tells a client that fell out of the buffer, or comes from an older instance, to resync', () => {
    const bus = new EventBus(3, () => 5);
    for (let i = 0; i < 6; i++) bus.publish('site-health', health(`s${i}`));
    expect(bus.since(5001)).toBeUndefined(); // events 5002–5003 are gone
    expect(bus.since(5003)?.map((e) => e.id)).toEqual([5004, 5005, 5006]);
    const restarted = new EventBus(3, () => 9);
    restarted.publish('site-health', health('z'));
    expect(restarted.since(5006)).toBeUndefined();
    // An instance whose clock ran ahead of this one's: its ids are above anything issued here.
    const behind = new EventBus(3, () => 2);
    behind.publish('site-health', health('w'));
    expect(behind.since(5006)).toBeUndefined();
  });
});

describe('EventBus.subscribers', () => {
  it('counts the remote clients following the stream, not the parts of the control plane that follow it too', () => {
    const bus = new EventBus(10, () => 1);
    const seen: string[] = [];
    const stopInternal = bus.subscribe((e) => seen.push(`internal ${e.type}`), 'internal');
    const stopClient = bus.subscribe((e) => seen.push(`client ${e.type}`));
    expect(bus.subscribers).toBe(1);
    bus.publish('fault', { action: 'cleared', fault: { id: 'f1', kind: 'site-down', siteId: 'a', sinceMs: 0 } });
    expect(seen).toEqual(['internal fault', 'client fault']);
    stopClient();
    expect(bus.subscribers).toBe(0);
    stopInternal();
  });
});
