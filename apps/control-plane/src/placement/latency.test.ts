import { describe, expect, it } from 'vitest';
import { findPlace, greatCircleKm, InputError } from '@corridor/shared';
import { buildFleetFile, buildLink, buildSite } from '@corridor/shared/testing';
import { buildRequest, defaultFleet, defaultPolicy, fleetSnapshot } from './fixtures.ts';
import { modelledRttMs, resolveLatencyFrom, ROUTE_FACTOR, rttFrom } from './latency.ts';
import { planPlacement } from './engine.ts';

const { fleet } = defaultFleet();
const site = (id: string) => fleet.sites.find((s) => s.id === id)!;
const rtt = (from: Parameters<typeof resolveLatencyFrom>[0], siteId: string) => {
  const table = rttFrom(resolveLatencyFrom(from, fleet.sites), fleet.links);
  return { rttMs: table.rttMs(site(siteId)), basis: table.basis(site(siteId)) };
};

describe('the latency model', () => {
  it('models a path as great-circle km × the route factor at 1 ms per 100 km', () => {
    expect(ROUTE_FACTOR).toBe(1.6);
    expect(modelledRttMs(1000)).toBeCloseTo(16, 9);
  });

  it('measures great-circle distances between known cities', () => {
    const km = (a: string, b: string) => greatCircleKm(findPlace(a)!, findPlace(b)!);
    expect(km('Paris', 'New York')).toBeCloseTo(5837, -1);
    expect(km('Lisbon', 'Casablanca')).toBeCloseTo(590, -1);
    expect(findPlace('lome')?.name).toBe('Lomé');
  });

  it('puts a Casablanca site a few ms from Casablanca', () => {
    const { rttMs, basis } = rtt('Casablanca', 'usdc-casablanca-1');
    expect(rttMs).toBeLessThan(3);
    expect(basis).toContain('modelled');
  });

  it('rides the measured Lisbon–Dakar cable when it beats the modelled straight line', () => {
    const lisbon = resolveLatencyFrom('Lisbon', fleet.sites);
    const direct = modelledRttMs(greatCircleKm(lisbon, site('sn-dakar-1')));
    const { rttMs, basis } = rtt('Lisbon', 'sn-dakar-1');
    expect(rttMs).toBeLessThan(direct);
    expect(rttMs).toBeGreaterThanOrEqual(42);
    expect(basis).toContain('ACE 42 ms measured');
  });

  it('takes the shortest path over the links', () => {
    const a = buildSite({ id: 'a', lat: 0, lon: 0 });
    const b = buildSite({ id: 'b', lat: 0, lon: 20 });
    const c = buildSite({ id: 'c', lat: 0, lon: 40 });
    const file = buildFleetFile({ sites: [a, b, c], links: [buildLink({ from: 'a', to: 'b', rttMs: 10, rttSource: 'measured' }), buildLink({ from: 'b', to: 'c', rttMs: 10 })] });
    const snapshot = fleetSnapshot(file, 'test');
    const to = rttFrom({ name: 'at a', lat: 0, lon: 0 }, snapshot.links);
    expect(to.rttMs(snapshot.sites[2]!)).toBe(20);
    expect(to.basis(snapshot.sites[2]!)).toBe('0 km to Test Site (great-circle × 1.6, modelled), then Test Cable 10 ms measured, Test Cable 10 ms modelled');
  });

  it('gives a site no link reaches its modelled direct RTT', () => {
    const lone = fleetSnapshot(buildFleetFile({ sites: [buildSite({ id: 'lone', lat: 34.02, lon: -6.84 })], links: [] }), 'test');
    const table = rttFrom(resolveLatencyFrom('Casablanca', lone.sites), lone.links);
    expect(table.rttMs(lone.sites[0]!)).toBeCloseTo(modelledRttMs(greatCircleKm({ lat: 33.57, lon: -7.59 }, { lat: 34.02, lon: -6.84 })), 9);
    expect(table.basis(lone.sites[0]!)).toContain('no link reaches the site');
  });

  it('starts from a point, a site id, or a city in any case', () => {
    expect(resolveLatencyFrom({ lat: 33.5, lon: -7.6 }, fleet.sites)).toMatchObject({ lat: 33.5, lon: -7.6 });
    expect(resolveLatencyFrom('usdc-tangier-1', fleet.sites)).toMatchObject({ name: 'USDC Tangier 1' });
    expect(resolveLatencyFrom('  marrakech ', fleet.sites)).toMatchObject({ name: 'Marrakech' });
    expect(rtt('usdc-tangier-1', 'usdc-tangier-1').rttMs).toBe(0);
  });

  it('answers an unknown place with a 400 naming latency.from and the known cities', () => {
    const request = buildRequest({ latency: { from: 'Atlantis', maxRttMs: 20 } });
    const thrown = (() => {
      try {
        planPlacement({ request, fleet, usage: new Map(), live: new Map(), policy: defaultPolicy(), at: new Date(0) });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(InputError);
    expect(thrown).toMatchObject({ status: 400, fields: [{ field: 'latency.from', message: expect.stringMatching(/unknown place "Atlantis".*Casablanca/) }] });
  });
});
