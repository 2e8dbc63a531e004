// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticLedgers } from '../model/synthetic-ledger.ts';
import { ledgerTree } from '../model/ledger-tree.ts';
import { LedgerTable, SITE_PAGE } from './ledger-table.tsx';

afterEach(cleanup);

const sites = Array.from({ length: 250 }, (_, i) => ({
  id: `syn-${i}`,
  name: `Synthetic ${i}`,
  country: 'MA' as const,
  city: 'X',
  lat: 30,
  lon: -5,
  status: 'operational' as const,
  itCapacityMw: 7.5,
  gpuCount: 800,
  operatorId: 'op',
  operatorName: 'Op',
  controlledBy: 'MA' as const,
}));

describe('a country of many sites', () => {
  it('opens on a page of sites and shows more on demand', () => {
    const ledgers = syntheticLedgers(sites, '2026-12-03T00:00:00Z');
    render(<LedgerTable caption="Ledger" branches={ledgerTree(ledgers.country, ledgers.site)} rowName={(r) => r.key} />);
    const table = screen.getByRole('table', { name: 'Ledger' });
    // Rows counted through the DOM: role queries over hundreds of rows are slow in jsdom.
    const siteRows = () => table.querySelectorAll('tbody tr.capacity-site').length;
    fireEvent.click(within(table).getByRole('button', { name: 'Morocco (250 sites)' }));
    expect(siteRows()).toBe(SITE_PAGE);
    fireEvent.click(screen.getByText('Show 100 more (100 of 250 shown)'));
    expect(siteRows()).toBe(2 * SITE_PAGE);
    fireEvent.click(screen.getByText('Show 50 more (200 of 250 shown)'));
    expect(siteRows()).toBe(250);
    expect(table.querySelector('tr.capacity-more')).toBeNull();
    // Hundreds of rows rendered three times: slow on a loaded machine, not wrong.
  }, 20_000);
});
