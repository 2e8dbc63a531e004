// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import type { ChartData } from '../model/chart-specs.ts';
import { SITE_CHARTS } from '../model/chart-specs.ts';
import HistoryCharts from './history-charts.tsx';

const T0 = Date.UTC(2026, 5, 21, 10, 0);
const power: ChartData = {
  spec: SITE_CHARTS.find((c) => c.id === 'power')!,
  rows: [
    { t: T0, site_facility_power_watts: 7400.4, site_it_power_watts: 6150 },
    { t: T0 + 15_000, site_facility_power_watts: 7412, site_it_power_watts: 6160 },
  ],
  domain: [T0 - 3_600_000 + 30_000, T0 + 30_000],
};

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

/** Opens the chart's table from the keyboard's button and returns it. */
function openTable(buttonName: string): HTMLTableElement {
  const toggle = screen.getByRole('button', { name: buttonName });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(screen.queryByRole('table')).toBeNull();
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  return screen.getByRole('table');
}

describe('history charts: the table alternative', () => {
  it('gives the same series with units and times in the viewer zone, in English', () => {
    render(<HistoryCharts charts={[power]} range="1h" />);
    const table = openTable('Show as table');
    expect(table.querySelector('caption')!.textContent).toBe(`IT vs facility power, last 1 h: one row per point, times in ${viewerZone()}`);
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([`Time (${viewerZone()})`, 'Facility power (kW)', 'IT power (kW)']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['7,400 kW', '6,150 kW']);
    expect(screen.getByRole('button', { name: 'Hide table' })).toBeTruthy();
  });

  it('reads in French: caption, headers, French separators and the French range', async () => {
    await activateLocale('fr');
    render(<HistoryCharts charts={[power]} range="7d" />);
    const table = openTable('Afficher en tableau');
    expect(table.querySelector('caption')!.textContent).toBe(`Puissance IT et puissance du site, sur 7 j : une ligne par point, heures en ${viewerZone()}`);
    expect(within(table).getAllByRole('columnheader')[1]!.textContent).toBe('Puissance du site (kW)');
    const cell = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell')[0]!;
    expect(cell.textContent).toBe('7\u202f400 kW');
    expect(cell.querySelector('bdi')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Puissance IT et puissance du site' })).toBeTruthy();
  });

  it('in Arabic the words are Arabic while the plot keeps its left-to-right time axis', async () => {
    await activateLocale('ar');
    render(<HistoryCharts charts={[power]} range="24h" />);
    const plot = screen.getByRole('img');
    expect(plot.getAttribute('dir')).toBe('ltr');
    expect(plot.getAttribute('aria-label')).toContain('طاقة المعدات المعلوماتية مقابل طاقة المنشأة، آخر 24 س');
    const table = openTable('عرض كجدول');
    expect(table.querySelector('caption')!.textContent).toContain(`الأوقات بتوقيت ${viewerZone()}`);
    expect(within(table).getAllByRole('columnheader')[2]!.textContent).toBe('طاقة المعدات المعلوماتية (kW)');
    // Moroccan Arabic keeps Latin digits; the table itself follows the page's direction.
    expect(within(within(table).getAllByRole('row')[1]!).getAllByRole('cell')[1]!.textContent).toMatch(/^6.150 kW$/);
    expect(table.closest('[dir="ltr"]')).toBeNull();
  });
});
