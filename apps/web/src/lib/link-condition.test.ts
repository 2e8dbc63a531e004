import { describe, expect, it } from 'vitest';
import { linkCondition } from './link-condition.ts';

describe('link condition', () => {
  const reading = (rttMs: number | undefined, loss: number | undefined) => ({ values: { link_rtt_seconds: rttMs === undefined ? undefined : rttMs / 1000, link_loss_ratio: loss } });

  it('grades links: normal, RTT elevated against the base, lossy from 1 %, cut from 30 %', () => {
    expect(linkCondition(14, undefined)).toBe('unknown');
    expect(linkCondition(14, reading(14.3, 0.00001))).toBe('normal');
    // 1.5× a 2 ms base is only 1 ms more: queueing noise on a short link, not elevated.
    expect(linkCondition(2, reading(3.5, 0))).toBe('normal');
    expect(linkCondition(14, reading(35, 0.001))).toBe('elevated');
    expect(linkCondition(14, reading(15, 0.02))).toBe('lossy');
    expect(linkCondition(14, reading(35, 0.4))).toBe('cut');
    expect(linkCondition(14, reading(undefined, 1))).toBe('cut');
  });
});
