import { describe, expect, it } from 'vitest';
import { LINK_CONDITION_STYLES } from '../../../lib/link-condition.ts';
import { linkLatLngs, linkLiveLine, linkStyle, linkTooltipLines, liveLinkStyle } from './link-style.ts';
import { GREYED_COLOUR, drawOrder, effectiveStatus, markerRadius, markerStyle } from './marker-style.ts';

const end = (id: string, name: string, lat: number, lon: number) => ({ id, name, kind: 'site' as const, country: 'MA' as const, lat, lon });

describe('marker style', () => {
  it('grows the radius with the square root of MW, clamped', () => {
    expect(markerRadius(0)).toBe(3);
    expect(markerRadius(30) / markerRadius(7.5)).toBeGreaterThan(1.5);
    expect(markerRadius(30) / markerRadius(7.5)).toBeLessThan(2);
    expect(markerRadius(5000)).toBe(22);
  });

  it('colours by health (built sites) or status and leaves planned sites hollow', () => {
    expect(markerStyle('ok', 7.5).fillColor).toBe('#2ecc71');
    expect(markerStyle('down', 7.5).fillColor).toBe('#ef4444');
    expect(markerStyle('planned', 7.5).fillOpacity).toBe(0);
    expect(markerStyle('planned', 7.5).color).toBe('#9aa5b1');
  });

  it('greys a site whatever its status, at its usual size', () => {
    expect(markerStyle('ok', 7.5, true).fillColor).toBe(GREYED_COLOUR);
    expect(markerStyle('down', 7.5, true).fillColor).toBe(GREYED_COLOUR);
    expect(markerStyle('planned', 30, true).radius).toBe(markerRadius(30));
  });

  it('draws the worst health on top', () => {
    expect(drawOrder('down')).toBeGreaterThan(drawOrder('degraded'));
    expect(drawOrder('degraded')).toBeGreaterThan(drawOrder('no-data'));
    expect(drawOrder('no-data')).toBeGreaterThan(drawOrder('ok'));
    expect(drawOrder('ok')).toBeGreaterThan(drawOrder('planned'));
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
    expect(linkLatLngs(link)).toEqual([
      [35.17, -2.93],
      [37, 0],
      [43.3, 5.37],
    ]);
  });

  it('styles submarine and terrestrial apart', () => {
    expect(linkStyle('submarine').dashArray).toBeTruthy();
    expect(linkStyle('terrestrial').dashArray).toBeUndefined();
  });

  it('says cable, length and RTT with units', () => {
    expect(linkTooltipLines(link)).toEqual(['Nador landing – Marseille', 'Medusa (submarine) · 1,100 km · RTT 14 ms modelled']);
  });
});

describe('live health on the map', () => {
  const reading = (rttMs: number | undefined, loss: number | undefined) => ({ values: { link_rtt_seconds: rttMs === undefined ? undefined : rttMs / 1000, link_loss_ratio: loss } });

  it('colours a built site by its observed health, a planned one by its declared status; nothing observed is no data', () => {
    expect(effectiveStatus('operational', { declared: 'operational', health: 'degraded' })).toBe('degraded');
    expect(effectiveStatus('operational', { declared: 'maintenance', health: 'down' })).toBe('down');
    expect(effectiveStatus('operational')).toBe('no-data');
    expect(effectiveStatus('planned')).toBe('planned');
    expect(markerStyle(effectiveStatus('operational', { declared: 'operational', health: 'degraded' }), 7.5).fillColor).toBe('#f5a524');
  });

  it('draws a cut as a thick dashed red line and keeps the kind colour when normal', () => {
    expect(liveLinkStyle('submarine', 'normal')).toEqual(linkStyle('submarine'));
    expect(liveLinkStyle('terrestrial', 'cut')).toMatchObject({ color: '#ef4444', dashArray: '2 7', weight: 3 });
    expect(liveLinkStyle('terrestrial', 'lossy').color).toBe(LINK_CONDITION_STYLES.lossy.colour);
    expect(LINK_CONDITION_STYLES.cut.label).toBe('Cut (≥ 30 % loss)');
  });

  it('says live RTT in ms and loss in % in the tooltip', () => {
    expect(linkLiveLine(undefined)).toBeUndefined();
    expect(linkLiveLine(reading(14.234, 0.00002))).toBe('Live: RTT 14 ms · loss 0.00 %');
    expect(linkLiveLine(reading(4.46, 0.35))).toBe('Live: RTT 4.5 ms · loss 35.0 %');
    expect(linkLiveLine(reading(undefined, 1))).toBe('Live: no RTT (unreachable) · loss 100.0 %');
  });
});
