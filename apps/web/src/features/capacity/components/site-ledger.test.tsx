// @vitest-environment jsdom
import type { CapacityLedger } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { buildLedger, buildLedgerRow, LEDGERS } from '../testing/capacity-fixtures.ts';
import { SiteLedger, type MeasuredNow } from './site-ledger.tsx';

/** Nador 2: under construction, commissioning mid-2027: pipeline only. */
const SITES: CapacityLedger = buildLedger('site', [
  ...LEDGERS.site.rows,
  buildLedgerRow('ma-nador-2', 0, {
    site: { id: 'ma-nador-2', name: 'Nador 2', country: 'MA', blocs: [], status: 'construction', underMaintenance: false, stage: 'under-construction', commissioningDate: '2027-06-30' },
    sites: { installed: 0, underMaintenance: 0, pipeline: 1 },
    mw: { installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 36 },
    gpus: { installed: 0, committed: 0, outOfService: 0, free: 0, stranded: 0, pipeline: 3600 },
    inUse: { itMw: null, gpusBusy: null, sitesReporting: 0 },
    pipelineSites: [{ siteId: 'ma-nador-2', name: 'Nador 2', country: 'MA', stage: 'under-construction', commissioningDate: '2027-06-30', mw: 36, gpus: 3600 }],
  }),
]);

let status = 200;
beforeEach(() => {
  status = 200;
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(status === 200 ? SITES : { error: { code: 'UNAVAILABLE', message: 'control plane unavailable' } }), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function renderLedger(siteId: string, inUse?: MeasuredNow) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SiteLedger siteId={siteId} {...(inUse ? { inUse } : {})} />
    </QueryClientProvider>,
  );
}

/** The figure named `term` in the block, as a person reads it. */
const figure = async (term: string) => (await screen.findByText(term, { selector: 'dt' })).nextElementSibling!.textContent;

describe('a site’s capacity ledger in its panel', () => {
  it('a site under construction: its pipeline with stage and commissioning date, and 0 free — never its GPUs as free now', async () => {
    renderLedger('ma-nador-2');
    expect(await figure('Pipeline')).toBe('36 MW · 3,600 GPUs');
    expect(await figure('Stage')).toBe('under construction, commissioning 30 June 2027');
    expect(await figure('Free')).toBe('0 MW · 0 GPUs');
    expect(await figure('Installed')).toBe('0 MW · 0 GPUs');
    expect(screen.getByText(/Not built yet/)).toBeTruthy();
  });

  it('an installed site: the same figures as its capacity-view row, in use as measured now by the stream', async () => {
    renderLedger('ma-casa-1', { itMw: 6.2, gpusBusy: 700 });
    expect(await figure('Installed')).toBe('37.5 MW · 3,750 GPUs');
    expect(await figure('Committed')).toBe('9.4 MW · 938 GPUs');
    expect(await figure('In use (measured now)')).toBe('6.2 MW · 700 GPUs');
    expect(await figure('Free')).toBe('28.1 MW · 2,812 GPUs');
    expect(await figure('Out of service')).toBe('0 MW · 0 GPUs');
    expect(await figure('Stranded')).toBe('0 MW · 0 GPUs');
  });

  it('says so when the ledger cannot be read, with a retry', async () => {
    status = 503;
    renderLedger('ma-casa-1');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('this site’s capacity could not be read');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('in French: the planned figures in French', async () => {
    await activateLocale('fr');
    renderLedger('ma-nador-2');
    expect(await screen.findByLabelText('Registre de capacité de ce site')).toBeTruthy();
    expect(await figure('En projet')).toBe('36 MW · 3\u202f600 GPU');
    expect(await figure('Libre')).toBe('0 MW · 0 GPU');
    expect(await figure('Étape')).toBe('en construction, mise en service 30 juin 2027');
  });
});
