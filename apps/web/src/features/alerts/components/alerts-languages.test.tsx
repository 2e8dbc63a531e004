// @vitest-environment jsdom
import type { Alert } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { buildAlert } from '../testing/build-alert.ts';
import { countFiring } from '../model/alert-counts.ts';
import { describeCounts } from './alert-badge.tsx';
import { AlertsPage } from './alerts-page.tsx';

const names = { siteName: (id: string) => `Site ${id}`, linkName: (id: string) => `Link ${id}` };

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function stubAlerts(alerts: Alert[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/api/silences') ? { silences: [] } : { alerts };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
}

function renderPage(options: { canOperate?: boolean; onPlace?: () => void } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AlertsPage
        filter={{}}
        onFilterChange={() => {}}
        canOperate={options.canOperate ?? false}
        names={names}
        sites={[{ id: 'ma-benguerir-1', name: 'Benguerir 1', country: 'MA' }]}
        links={[]}
        placeLink={() => ({
          href: '/?site=x',
          onClick: (event) => {
            event.preventDefault();
            options.onPlace?.();
          },
        })}
      />
    </QueryClientProvider>,
  );
}

const twoAlerts = () => [buildAlert(), buildAlert({ id: 'al-2', severity: 'major', linkId: undefined, siteId: 'ma-benguerir-1', summary: 'Hottest GPU at 91 °C', value: 91, unit: '°C' })];

describe('the alerts view in French', () => {
  it('names the view, the table and its columns, counts with plurals, and says severities in French', async () => {
    await activateLocale('fr');
    stubAlerts(twoAlerts());
    renderPage();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Alertes');
    const table = await screen.findByRole('table', { name: 'Alertes' });
    expect(within(table).getByRole('columnheader', { name: 'Gravité' })).toBeTruthy();
    expect(screen.getByText('2 alertes ouvertes ou résolues dans les dernières 24 h · 2 actives')).toBeTruthy();
    const critical = within(table).getByRole('row', { name: /^Critique : Cable cut suspected on Medusa: loss 100 %, Link medusa-nador-marseille, active depuis/ });
    expect(within(critical).getByText('Critique')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /^Majeure : Hottest GPU/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Sourdines' })).toBeTruthy();
  });

  it('says one alert in the singular', async () => {
    await activateLocale('fr');
    stubAlerts([buildAlert()]);
    renderPage();
    expect(await screen.findByText('1 alerte ouverte ou résolue dans les dernières 24 h · 1 active')).toBeTruthy();
  });

  it('shows when an alert at a site began in the site’s own clock in the acknowledgement dialog', async () => {
    await activateLocale('fr');
    stubAlerts([buildAlert({ linkId: undefined, siteId: 'ma-benguerir-1' })]);
    renderPage({ canOperate: true });
    fireEvent.click(await screen.findByRole('button', { name: /^Acquitter : / }));
    const dialog = screen.getByRole('dialog', { name: 'Acquitter l’alerte' });
    expect(within(dialog).getByText(/^Active depuis/).textContent).toContain('Africa/Casablanca');
    expect(within(dialog).getByLabelText('Rétablissement prévu')).toBeTruthy();
    expect(within(dialog).getByRole('option', { name: 'dans 4 h' })).toBeTruthy();
  });
});

describe('the header badge’s words', () => {
  const firing = () =>
    countFiring([
      buildAlert(),
      buildAlert({ id: 'al-2', severity: 'major' }),
      buildAlert({ id: 'al-3', severity: 'major', acknowledgement: { by: 'op', comment: 'on it', at: '2026-12-03T12:01:00Z' } }),
    ]);

  it('agree in number in French', async () => {
    await activateLocale('fr');
    expect(describeCounts(firing())).toBe('3 actives : 1 critique, 2 majeures ; 2 non acquittées');
  });

  it('use the Arabic comma and plural forms in Arabic', async () => {
    await activateLocale('ar');
    expect(describeCounts(firing())).toBe('3 تنبيهات نشطة: 1 حرج، 2 كبيران؛ 2 بلا إقرار');
  });
});

describe('the alerts view in Arabic', () => {
  it('names the view and table in Arabic, with the dual for two alerts and Arabic severities', async () => {
    await activateLocale('ar');
    stubAlerts(twoAlerts());
    renderPage();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('التنبيهات');
    const table = await screen.findByRole('table', { name: 'التنبيهات' });
    expect(within(table).getByRole('columnheader', { name: 'الخطورة' })).toBeTruthy();
    expect(screen.getByText(/^تنبيهان /)).toBeTruthy();
    const critical = within(table).getByRole('row', { name: /^حرج: Cable cut suspected/ });
    expect(within(critical).getByText('حرج')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /^كبير: Hottest GPU/ })).toBeTruthy();
  });
});

describe('an alert row from the keyboard', () => {
  it('is focusable, marked for the next-alert shortcut, and Enter opens its place as a click on the row does', async () => {
    const onPlace = vi.fn();
    stubAlerts([buildAlert()]);
    renderPage({ canOperate: true, onPlace });
    const row = await screen.findByRole('row', { name: /^Critical: Cable cut/ });
    expect(row.tabIndex).toBe(0);
    expect(row.hasAttribute('data-alert-row')).toBe(true);

    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onPlace).toHaveBeenCalledTimes(1);

    fireEvent.click(within(row).getByText('Not acknowledged'));
    expect(onPlace).toHaveBeenCalledTimes(2);

    // The row's own buttons do their own thing: Enter or a click on Acknowledge opens the dialog, not the map.
    const acknowledge = within(row).getByRole('button', { name: /^Acknowledge: / });
    fireEvent.keyDown(acknowledge, { key: 'Enter' });
    fireEvent.click(acknowledge);
    expect(onPlace).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('dialog', { name: 'Acknowledge alert' })).toBeTruthy();
  });
});
