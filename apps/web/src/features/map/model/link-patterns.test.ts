import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { linkAccessibleName, linkLiveLine, linkTooltipLines, liveLinkStyle } from './link-style.ts';

const end = (id: string, name: string) => ({ id, name, kind: 'site' as const, country: 'MA' as const, lat: 0, lon: 0 });
const medusa = {
  name: 'Medusa',
  from: end('nador', 'Casablanca'),
  to: end('mrs', 'Marseille'),
  path: [],
  cable: 'Medusa',
  kind: 'submarine' as const,
  lengthKm: 1100,
  rttMs: 14.2,
  rttSource: 'modelled' as const,
};
const reading = (rttMs: number, loss: number) => ({ values: { link_rtt_seconds: rttMs / 1000, link_loss_ratio: loss } });

describe('a link’s state is told by its dash pattern as well as its colour', () => {
  it('draws each condition in its own pattern, none the same as a normal line of either kind', () => {
    const dashes = (['elevated', 'lossy', 'cut'] as const).map((c) => liveLinkStyle('terrestrial', c).dashArray);
    const normal = [liveLinkStyle('terrestrial', 'normal').dashArray, liveLinkStyle('submarine', 'normal').dashArray];
    expect(new Set([...dashes, ...normal]).size).toBe(5);
    expect(liveLinkStyle('terrestrial', 'normal').dashArray).toBeUndefined();
    // The same pattern whatever the kind: the condition, not the cable, sets it.
    for (const c of ['elevated', 'lossy', 'cut'] as const) expect(liveLinkStyle('submarine', c).dashArray).toBe(liveLinkStyle('terrestrial', c).dashArray);
  });
});

describe('a link line’s words', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('names the cable, its ends, its condition and its live RTT', () => {
    expect(linkAccessibleName(medusa, 'lossy', reading(34, 0.05))).toBe('Medusa, Casablanca – Marseille: lossy, 34 ms');
    expect(linkAccessibleName(medusa, 'unknown')).toBe('Medusa, Casablanca – Marseille: no reading yet');
  });

  it('reads in French, numbers in French', async () => {
    await activateLocale('fr');
    expect(linkAccessibleName(medusa, 'cut', reading(34, 0.5))).toBe('Medusa, Casablanca – Marseille : coupée, 34 ms');
    expect(linkTooltipLines(medusa)[1]).toMatch(/^Medusa \(sous-marin\) · 1\s100 km · RTT 14 ms modélisé$/u);
    expect(linkLiveLine(reading(4.46, 0.35))).toBe('En direct : RTT 4,5 ms · pertes 35,0 %');
  });

  it('reads in Arabic', async () => {
    await activateLocale('ar');
    expect(linkAccessibleName(medusa, 'elevated')).toBe('Medusa، Casablanca – Marseille: RTT مرتفع');
  });
});
