// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { HEALTH_STYLES } from '../../../lib/site-status.ts';
import { liveLinkStyle } from '../model/link-style.ts';
import { LOOK_SHAPES } from '../model/marker-shape.ts';
import { MapLegend } from './map-legend.tsx';

/** The legend's entry whose text is this, and the shape or line drawn beside it. */
function entry(text: string | RegExp) {
  const item = screen.getByText(text, { selector: 'li' });
  return { item, sample: item.querySelector('svg') };
}

describe('the map legend', () => {
  afterEach(async () => {
    cleanup();
    localStorage.clear();
    await activateLocale('en');
  });

  it('lists each health with the shape its markers are drawn with and its name in words', () => {
    render(<MapLegend />);
    for (const health of ['ok', 'degraded', 'down', 'no-data'] as const) {
      const { sample } = entry(HEALTH_STYLES[health].label);
      expect(sample?.dataset.shape, health).toBe(LOOK_SHAPES[health]);
      expect(sample?.getAttribute('aria-hidden')).toBe('true');
    }
    expect(entry('Ring around the shape: in maintenance').sample?.querySelector('circle')).toBeTruthy();
  });

  it('shows each link condition’s dash pattern and says it in words', () => {
    render(<MapLegend />);
    const lossy = entry(/^Lossy.*\(dash and dot\)$/);
    expect(lossy.sample?.dataset.dash).toBe(liveLinkStyle('terrestrial', 'lossy').dashArray);
    expect(entry(/^Cut.*\(dots\)$/).sample?.dataset.dash).toBe(liveLinkStyle('terrestrial', 'cut').dashArray);
    expect(entry('Cluster: 4 sites, worst health inside, 2 firing alerts')).toBeTruthy();
  });

  it('reads in Arabic', async () => {
    await activateLocale('ar');
    render(<MapLegend />);
    const legend = screen.getByRole('region', { name: 'مفتاح الخريطة' });
    expect(within(legend).getByRole('button', { name: 'إخفاء المفتاح' })).toBeTruthy();
    expect(within(legend).getByText('المواقع المبنية: الحالة المرصودة')).toBeTruthy();
    expect(entry(/\(شرطة ونقطة\)$/).sample?.dataset.dash).toBe(liveLinkStyle('terrestrial', 'lossy').dashArray);
    expect(entry(HEALTH_STYLES.down.label).sample?.dataset.shape).toBe('cross');
  });
});
