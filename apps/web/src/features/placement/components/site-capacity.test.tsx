// @vitest-environment jsdom
import type { Capacity } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { placementKeys } from '../../../lib/query-keys.ts';
import { SiteCapacity } from './site-capacity.tsx';

const capacity: Capacity = {
  fleetVersion: 'fleet-1',
  sites: [
    {
      siteId: 'usdc-tangier-1',
      status: 'operational',
      gpus: [
        { model: 'H100', installed: 4096, reserved: 1024, free: 3072 },
        { model: 'A100', installed: 2, reserved: 1, free: 1 },
      ],
      powerKw: { capacity: 20000, reserved: 1200, free: 18800 },
    },
  ],
};

/** The capacity as the cache holds it after a fetch: nothing is asked of the network. */
function renderCapacity(model?: 'H100') {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(placementKeys.capacity(), capacity);
  return render(
    <QueryClientProvider client={client}>
      <SiteCapacity siteId="usdc-tangier-1" {...(model ? { model } : {})} />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('SiteCapacity', () => {
  it('counts GPUs with the plural of the number ("1 GPU") and says in words which model the workload holds', () => {
    renderCapacity('H100');
    const region = screen.getByRole('region', { name: 'Capacity now' });
    expect(within(region).getByRole('row', { name: /^A100/ }).textContent).toContain('1 GPU');
    expect(within(region).getByRole('row', { name: /^H100 this workload/ }).textContent).toContain('3,072 GPUs');
  });

  it('in French: headings, numbers and units in French', async () => {
    await activateLocale('fr');
    renderCapacity();
    const table = within(screen.getByRole('region', { name: 'Capacité actuelle' })).getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Libres' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /^H100/ }).textContent).toContain('3\u202f072 GPU');
    expect(within(table).getByRole('row', { name: /^Puissance informatique/ }).textContent).toContain('18\u202f800 kW');
  });
});
