import { describe, expect, it } from 'vitest';
import { linkLossRatio, linkRttMs, linkUtilisation, linkValues, queueingDelayMs, trafficShape } from './links.ts';
import { rng } from './random.ts';

const MEDUSA = { id: 'medusa-nador-marseille', rttMs: 15, lengthKm: 1416, midLon: 0 };

describe('link model', () => {
  it('peaks traffic in the evening and bottoms out before dawn', () => {
    expect(trafficShape(5)).toBeCloseTo(-1);
    expect(trafficShape(21)).toBeCloseTo(1);
    const at = (h: number) => Date.UTC(2026, 3, 10, h);
    expect(linkUtilisation(MEDUSA, at(21), 1)).toBeGreaterThan(linkUtilisation(MEDUSA, at(5), 1) + 0.4);
    for (let h = 0; h < 24; h++) {
      const u = linkUtilisation(MEDUSA, at(h), 1);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('adds queueing delay as utilisation grows', () => {
    expect(queueingDelayMs(0)).toBe(0);
    expect(queueingDelayMs(0.5)).toBeCloseTo(0.5);
    expect(queueingDelayMs(0.9)).toBeGreaterThan(queueingDelayMs(0.5));
    expect(queueingDelayMs(1)).toBeLessThanOrEqual(25);
  });

  it('keeps RTT near the base and never under the fibre floor', () => {
    const rtt = linkRttMs(MEDUSA, 0.3, rng('rtt'));
    expect(rtt).toBeGreaterThan(14);
    expect(rtt).toBeLessThan(16.5);
    expect(linkRttMs({ id: 'x', rttMs: 10, lengthKm: 1000 }, 0, () => 0.0001)).toBeGreaterThanOrEqual(10);
  });

  it('loses almost nothing unless congested', () => {
    expect(linkLossRatio(0.5, rng('loss'))).toBeLessThan(1e-4);
    expect(linkLossRatio(0.97, rng('loss'))).toBeGreaterThan(1e-3);
  });

  it('reports RTT in seconds, repeatably per seed, with jitter that depends on the seed', () => {
    const at = Date.UTC(2026, 3, 10, 12);
    const a = linkValues(MEDUSA, at, 1);
    expect(a.link_rtt_seconds).toBeCloseTo(0.015, 2);
    expect(linkValues(MEDUSA, at, 1)).toEqual(a);
    expect(linkValues(MEDUSA, at, 2).link_rtt_seconds).not.toBe(a.link_rtt_seconds);
  });
});
