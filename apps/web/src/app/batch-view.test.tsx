// @vitest-environment jsdom
import type { JurisdictionCode, SiteRow } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteMarks } from '../features/map/components/use-site-markers.ts';
import { bigPlan } from '../features/batch-plan/testing/batch-fixtures.ts';
import { activateLocale } from '../lib/i18n/runtime.ts';
import { BatchView } from './batch-view.tsx';
import type { ViewContext } from './view-context.ts';

/** The map as the view hands it its marks (Leaflet draws nothing in jsdom). */
const drawn: { marks?: SiteMarks; onSelectSite: (id: string) => void }[] = [];
vi.mock('./live-network-map.tsx', () => ({
  LiveNetworkMap: (props: { marks?: SiteMarks; onSelectSite: (id: string) => void }) => {
    drawn.push(props);
    return null;
  },
}));

const site = (id: string, name: string, country: JurisdictionCode): SiteRow => ({
  id,
  name,
  country,
  city: name,
  lat: 33,
  lon: -7,
  status: 'operational',
  itCapacityMw: 10,
  gpuCount: 1000,
  operatorId: 'op',
  operatorName: 'Operator',
  controlledBy: country,
});
const SITES = [site('casa-1', 'Casablanca 1', 'MA'), site('paris-1', 'Paris 1', 'FR')];

beforeEach(() => {
  drawn.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(bigPlan(6)), { headers: { 'content-type': 'application/json' } })),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function renderView() {
  const context = {
    abilities: { canPlace: true },
    sites: SITES,
    fleet: { links: [] },
    url: { boundary: 'official' },
  } as unknown as ViewContext;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <BatchView {...context} />
    </QueryClientProvider>,
  );
}

/** The totals line, whose figures sit in <bdi>s of their own (the unplaced note may follow it). */
const findTotals = (text: string) => screen.findByText((_, element) => element?.classList.contains('batch-totals') === true && element.textContent!.startsWith(text));

describe('the What-if view', () => {
  it('numbers each receiving site on the map with its count of workloads, and names reasons as the placement view does', async () => {
    renderView();
    const rows = Array.from({ length: 6 }, (_, i) => `Job ${i + 1},bank-a,inference,finance,personal,MA,8,H100`);
    fireEvent.change(screen.getByLabelText(/Workloads \(CSV/), { target: { value: ['name,tenant,kind,sector,dataClass,dataOrigin,gpus,model', ...rows].join('\n') } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await findTotals('Placed 4 of 6 · 32 GPUs · 26 kW');
    // Jobs 1, 3 (index 0, 4) go to Paris; jobs 2, 4 (index 1, 3) to Casablanca; 3 and 6 are unplaced.
    const marks = drawn.at(-1)!.marks!;
    expect(Object.fromEntries(marks.ranks)).toEqual({ 'paris-1': 2, 'casa-1': 2 });
    expect(marks.notes.get('casa-1')).toBe('Would receive 2 workloads, 16 GPUs');
    expect(screen.getByText('A number on a site: how many workloads it would receive (2 sites).')).toBeTruthy();
    const table = screen.getByRole('table', { name: /Every workload of the batch/ });
    const cells = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.filter((c) => c === 'Casablanca 1 (MA)')).toHaveLength(2);
    expect(cells.filter((c) => c?.startsWith('Too few free GPUs of the model asked for. (4 sites)'))).toHaveLength(2);

    // Choosing a numbered site on the map lists the workloads placed there, until every site is asked for again.
    act(() => drawn.at(-1)!.onSelectSite('casa-1'));
    expect(screen.getByText(/Workloads placed at/).textContent).toContain('Workloads placed at Casablanca 1 (chosen on the map).');
    const rowsAt = () => within(table).getAllByRole('row').slice(1);
    expect(rowsAt().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Job 2', 'Job 4']);
    fireEvent.click(screen.getByRole('button', { name: 'Show every site' }));
    expect(rowsAt()).toHaveLength(6);
  });
});
