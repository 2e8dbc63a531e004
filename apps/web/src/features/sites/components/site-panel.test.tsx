// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SiteHealth } from '@corridor/shared';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { zoneOfCountry } from '../../../lib/local-time.ts';
import { generateSyntheticFleet } from '../model/synthetic-fleet.ts';
import { SitePanel } from './site-panel.tsx';

const fleet = generateSyntheticFleet(3);

function renderPanel(siteId: string, onClose = vi.fn(), health?: SiteHealth) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SitePanel siteId={siteId} row={fleet.find((s) => s.id === siteId)} source={{ synthetic: 3 }} onClose={onClose} health={health} />
    </QueryClientProvider>,
  );
  return onClose;
}

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('SitePanel', () => {
  it('is a region named after the site, with the focus on its heading', async () => {
    const site = fleet[1]!;
    renderPanel(site.id);
    const panel = screen.getByRole('complementary', { name: site.name });
    const heading = screen.getByRole('heading', { level: 2, name: site.name });
    expect(panel.contains(heading)).toBe(true);
    expect(document.activeElement).toBe(heading);
    await waitFor(() => expect(screen.getByText('IT capacity')).toBeTruthy());
    expect(screen.getAllByText(/MW$/).length).toBeGreaterThan(0);
    expect(screen.getByText(/· controlled by /)).toBeTruthy();
  });

  it('closes on Escape and with its close button', () => {
    const onClose = renderPanel(fleet[0]!.id);
    fireEvent.keyDown(document, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close site panel' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('names both states of a site in maintenance, and until when (a format browsers refuse once blanked the console here)', () => {
    const site = fleet.find((s) => s.status === 'operational')!;
    renderPanel(site.id, vi.fn(), { siteId: site.id, declared: 'maintenance', health: 'ok', since: 0, maintenanceUntil: '2026-12-03T16:00:00.000Z' });
    expect(screen.getByLabelText('Status').textContent).toContain('Maintenance · OK');
    expect(screen.getByText(/maintenance until .*Dec/)).toBeTruthy();
  });

  it('says so when the site does not exist', async () => {
    renderPanel('syn-99999');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('No site with id'));
  });

  it('reads in French: close button, headings and figures with French separators', async () => {
    await activateLocale('fr');
    const site = fleet.find((s) => s.gpuCount > 1000)!;
    renderPanel(site.id);
    expect(screen.getByRole('button', { name: 'Fermer le panneau du site' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('heading', { level: 3, name: 'GPU par modèle' })).toBeTruthy());
    expect(screen.getByRole('heading', { level: 3, name: 'Certifications' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Liaisons' })).toBeTruthy();
    expect(screen.getByText('Capacité IT')).toBeTruthy();
    expect(screen.getByText('Aucune liaison enregistrée.')).toBeTruthy();
    expect(screen.getByText(/ · sous contrôle de [A-Z]{2}$/)).toBeTruthy();
    // The GPU table's total in French, with its narrow no-break space between thousands.
    const gpus = screen.getByRole('table', { name: 'GPU par modèle' });
    expect(gpus.querySelector('tfoot td')!.textContent).toMatch(/^\d{1,3}(\u202f\d{3})+ GPU$/);
  });

  it('reads in Arabic, and says until when a maintenance lasts in the site zone, named', async () => {
    await activateLocale('ar');
    const site = fleet.find((s) => s.status === 'operational' && zoneOfCountry(s.country))!;
    renderPanel(site.id, vi.fn(), { siteId: site.id, declared: 'maintenance', health: 'ok', since: 0, maintenanceUntil: '2026-12-03T16:00:00.000Z' });
    expect(screen.getByRole('button', { name: 'إغلاق لوحة الموقع' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'الحالة' }).textContent).toContain(site.city);
    const until = screen.getByText(/^صيانة حتى /);
    expect(until.textContent).toContain(zoneOfCountry(site.country)!);
    await waitFor(() => expect(screen.getByRole('heading', { level: 3, name: 'وحدات GPU حسب الطراز' })).toBeTruthy());
    expect(screen.getByRole('heading', { level: 3, name: 'الشهادات' })).toBeTruthy();
    expect(screen.getByText('القدرة المعلوماتية')).toBeTruthy();
  });
});
