import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { ServiceMetrics, metricsAccess } from './metrics.ts';

/** Runs the gate on a request from `remoteAddress` with `headers`; true when it lets the request through. */
function allows(token: string | undefined, remoteAddress: string, headers: Record<string, string> = {}): boolean {
  const req = { socket: { remoteAddress }, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  let passed: unknown = 'not called';
  metricsAccess(token)(req, {} as never, (error?: unknown) => (passed = error));
  return passed === undefined;
}

describe('metricsAccess', () => {
  const token = 'a-service-token-long-enough';
  it('lets the service token in from anywhere', () => {
    expect(allows(token, '203.0.113.9', { authorization: `Bearer ${token}` })).toBe(true);
  });
  it('lets this host in directly, and nobody else without the token (a BFF exposed on 0.0.0.0)', () => {
    expect(allows(token, '127.0.0.1')).toBe(true);
    expect(allows(token, '::1')).toBe(true);
    expect(allows(token, '203.0.113.9')).toBe(false);
    expect(allows(token, '10.0.0.5', { cookie: 'corridor_session=whatever' })).toBe(false);
    expect(allows(token, '203.0.113.9', { authorization: `Bearer ${token}x` })).toBe(false);
    expect(allows(token, '203.0.113.9', { authorization: 'Bearer ' })).toBe(false);
    expect(allows(undefined, '203.0.113.9', { authorization: 'Bearer undefined' })).toBe(false);
  });
  it('treats a request relayed by a proxy on this host as coming from outside', () => {
    expect(allows(token, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(false);
    expect(allows(token, '127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
    expect(allows(token, '127.0.0.1', { 'x-real-ip': '203.0.113.9' })).toBe(false);
  });
});

describe('ServiceMetrics.render', () => {
  it('spells a sample that is not a number NaN, as the text format and its stricter parsers expect', async () => {
    const metrics = new ServiceMetrics('test');
    metrics.gauge('corridor_test_ratio', 'A ratio with nothing measured yet.', [], (gauge) => gauge.set(Number.NaN));
    const { text } = await metrics.render();
    expect(text).toContain('corridor_test_ratio{service="test"} NaN\n');
    expect(text).not.toMatch(/ Nan$/m);
  });
});
