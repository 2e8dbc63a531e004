// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { capacityAnswer } from '../testing/capacity-fixtures.ts';
import { CapacityPage } from './capacity-page.tsx';

let calls: { url: string; init?: RequestInit }[] = [];

beforeEach(() => {
  calls = [];
  window.history.replaceState(null, '', '/?view=capacity');
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const accept = (init?.headers as Record<string, string> | undefined)?.Accept;
      if (accept === 'text/csv') return new Response('key,installedMw\r\nMA,45\r\nFR,120\r\n', { status: 200, headers: { 'content-type': 'text/csv' } });
      const body = capacityAnswer(url);
      return new Response(JSON.stringify(body ?? {}), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function renderPage(onOpenPlacement?: (search: string) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CapacityPage sites={[]} onOpenPlacement={onOpenPlacement} />
    </QueryClientProvider>,
  );
}

const ledgerTable = () => screen.getByRole('table', { name: /Capacity ledger by country|Registre de capacité par pays|سجل السعة حسب البلد/ });

describe('the capacity view', () => {
  it('reads each country in MW and GPUs, opens a country on its sites with maintenance marked, and gives the network total', async () => {
    renderPage();
    const table = await waitFor(ledgerTable);
    const morocco = within(table).getByRole('button', { name: 'Morocco (2 sites)' });
    const row = morocco.closest('tr')!;
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]!.textContent).toContain('45 MW');
    expect(cells[0]!.textContent).toContain('4,500 GPUs');
    expect(cells[0]!.textContent).toContain('of which 7.5 MW under maintenance');
    expect(cells[4]!.textContent).toContain('25 MW');
    expect(row.textContent).toContain('Nador 2: 30 MW, under construction, 30 June 2027');
    expect(within(table).queryByText('Benguerir 1')).toBeNull();
    fireEvent.click(morocco);
    expect(morocco.getAttribute('aria-expanded')).toBe('true');
    const benguerir = within(table).getByText('Benguerir 1').closest('tr')!;
    expect(benguerir.textContent).toContain('under maintenance');
    expect(within(table).getByRole('rowheader', { name: 'Network' }).closest('tr')!.textContent).toContain('165 MW');
  });

  it('answers the day question per class and opens the placement view pre-filled', async () => {
    const open = vi.fn();
    renderPage(open);
    const answer = await screen.findByText(/2,000 H100 today: yes, at Casablanca 1 \(Morocco, 2,000 H100\); one site can take it whole\./);
    expect(answer).toBeTruthy();
    // The lawful pipeline by quarter, on the class's line.
    expect(answer.closest('tr')!.textContent).toContain('2027-Q2: 3,000 GPUs, 30 MW');
    fireEvent.click(screen.getByRole('link', { name: /Plan it in Placement/ }));
    expect(open).toHaveBeenCalledWith('?view=place&psector=government&pclass=state-sensitive&porigin=MA&pkind=inference&pgpus=2000&pmodel=H100');
  });

  it('runs N-1 on the largest site by default, says what is stranded and why, and follows another pick into the address', async () => {
    renderPage();
    // Three reads in a chain (ledger by site → the largest → its N-1): more than findBy's 1 s on a loaded machine.
    await screen.findByText(/Losing Grenoble 1: 2 workloads; 1 re-placed lawfully \(64 GPUs\), 1 stranded \(512 GPUs\)\./, undefined, { timeout: 5_000 });
    const lossCall = calls.find((c) => c.url === '/api/capacity/site-loss');
    expect(JSON.parse(String(lossCall!.init!.body))).toEqual({ siteId: 'fr-gre-1' });
    expect(screen.getByText(/jurisdiction not allowed \(2 sites\); the lost site was its only lawful home/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Site lost'), { target: { value: 'ma-casa-1' } });
    expect(window.location.search).toContain('n1=ma-casa-1');
  });

  it('flags the quarter where demand crosses lawful supply and states the method', async () => {
    renderPage();
    expect(await screen.findByText('Demand crosses lawful supply in 2027-Q2.')).toBeTruthy();
    expect(screen.getByText(/linear trend \(least squares\) of committed GPUs over the last 12 weeks/)).toBeTruthy();
  });

  it('labels PUE interim under a year and emissions location-based', async () => {
    renderPage();
    const energy = await screen.findByRole('table', { name: /Energy by country/ });
    expect(within(energy).getByRole('columnheader', { name: 'PUE (interim)' })).toBeTruthy();
    expect(within(energy).getByRole('columnheader', { name: 'Emissions, location-based (tCO2e)' })).toBeTruthy();
    expect(within(energy).getByRole('rowheader', { name: 'Morocco' }).closest('tr')!.textContent).toContain('1,200 MWh');
  });

  it('switches the map metric and keeps it in the address; the legend says values', async () => {
    renderPage();
    await waitFor(ledgerTable);
    fireEvent.click(screen.getByRole('button', { name: 'Free' }));
    expect(window.location.search).toContain('metric=free');
    expect(screen.getByRole('heading', { name: 'Free MW by country' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /Map of Free MW by country: Morocco: 25 MW/ })).toBeTruthy();
  });

  it('exports a table as the API CSV, asked with Accept: text/csv', async () => {
    const created = vi.fn(() => 'blob:csv');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    // jsdom cannot follow a download link; the file offered is checked through the Blob URL made.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPage();
    await waitFor(ledgerTable);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: ledger by country' }));
    expect(await screen.findByText('2 rows exported')).toBeTruthy();
    const csvCall = calls.find((c) => (c.init?.headers as Record<string, string> | undefined)?.Accept === 'text/csv');
    expect(csvCall!.url).toBe('/api/capacity/ledger?groupBy=country');
    expect(created).toHaveBeenCalled();
  });
});

describe('every table exports the server’s CSV', () => {
  it('the sovereign headroom table asks /api/capacity/headroom for text/csv (nothing is written in the browser)', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:csv'), revokeObjectURL: vi.fn() }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV: Sovereign headroom' }));
    expect(await screen.findByText('2 rows exported')).toBeTruthy();
    const csvCall = calls.find((c) => (c.init?.headers as Record<string, string> | undefined)?.Accept === 'text/csv');
    expect(csvCall!.url).toBe('/api/capacity/headroom');
  });
});

describe('the capacity view in French and Arabic', () => {
  it('reads the ledger in French, with French numbers and plurals', async () => {
    await activateLocale('fr');
    renderPage();
    const table = await waitFor(ledgerTable);
    const morocco = within(table).getByRole('button', { name: 'Maroc (2 sites)' });
    const cells = within(morocco.closest('tr')!).getAllByRole('cell');
    expect(cells[0]!.textContent).toContain('4\u202f500 GPU');
    expect(cells[0]!.textContent).toContain('dont 7,5 MW en maintenance');
    expect(screen.getByRole('heading', { name: 'Marge souveraine' })).toBeTruthy();
    expect(await screen.findByText('La demande dépasse l’offre licite au 2027-Q2.')).toBeTruthy();
  });

  it('reads the ledger in Arabic with Arabic plural forms and Latin digits', async () => {
    await activateLocale('ar');
    renderPage();
    const table = await waitFor(ledgerTable);
    expect(within(table).getByRole('button', { name: /\(موقعان\)/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'الهامش السيادي' })).toBeTruthy();
    expect(table.textContent).toContain('45 MW');
    // Figures inside Arabic sentences are isolated, so "24 MW" is not read as "MW 24".
    expect(screen.getByText('من \u20680 MW\u2069 إلى \u206824 MW\u2069')).toBeTruthy();
  });
});
