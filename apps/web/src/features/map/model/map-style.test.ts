import { describe, expect, it } from 'vitest';
import { linkLatLngs, linkStyle, linkTooltipLines } from './link-style.ts';
import { drawOrder, markerRadius, markerStyle } from './marker-style.ts';

const end = (id: string, name: string, lat: number, lon: number) => ({ id, name, kind: 'site' as const, country: 'MA' as const, lat, lon });

describe('marker style', () => {
  it('grows the radius with the square root of MW, clamped', () => {
    expect(markerRadius(0)).toBe(3);
    expect(markerRadius(30) / markerRadius(7.5)).toBeGreaterThan(1.5);
    expect(markerRadius(30) / markerRadius(7.5)).toBeLessThan(2);
    expect(markerRadius(5000)).toBe(22);
  });

  it('colours by status and leaves planned sites hollow', () => {
    expect(markerStyle('operational', 7.5).fillColor).toBe('#2ecc71');
    expect(markerStyle('offline', 7.5).fillColor).toBe('#ef4444');
    expect(markerStyle('planned', 7.5).fillOpacity).toBe(0);
    expect(markerStyle('planned', 7.5).color).toBe('#9aa5b1');
  });

  it('draws the worst health on top', () => {
    expect(drawOrder('offline')).toBeGreaterThan(drawOrder('degraded'));
    expect(drawOrder('degraded')).toBeGreaterThan(drawOrder('operational'));
    expect(drawOrder('operational')).toBeGreaterThan(drawOrder('planned'));
  });
});

describe('link style', () => {
  const link = {
    from: end('nador', 'Nador landing', 35.17, -2.93),
    to: end('marseille', 'Marseille', 43.3, 5.37),
    path: [[37, 0] as [number, number]],
    cable: 'Medusa',
    kind: 'submarine' as const,
    lengthKm: 1100,
    rttMs: 14.2,
    rttSource: 'modelled' as const,
  };

  it('draws through the waypoints', () => {
    expect(linkLatLngs(link)).toEqual([[35.17, -2.93], [37, 0], [43.3, 5.37]]);
  });

  it('styles submarine and terrestrial apart', () => {
    expect(linkStyle('submarine').dashArray).toBeTruthy();
    expect(linkStyle('terrestrial').dashArray).toBeUndefined();
  });

  it('says cable, length and RTT with units', () => {
    expect(linkTooltipLines(link)).toEqual(['Nador landing – Marseille', 'Medusa (submarine) · 1,100 km · RTT 14 ms modelled']);
  });
});
