// @vitest-environment jsdom
import type { CapacityLedger, FleetSummary, SiteRow } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildLedger, buildLedgerRow, LEDGERS } from '../features/capacity/testing/capacity-fixtures.ts';
import type { LiveClient, NocEvent } from '../features/live/api/live-client.ts';
import { activateLocale } from '../lib/i18n/runtime.ts';
import { LiveFleetHeader } from './live-fleet-header.tsx';
import { useCapacityFollower } from './use-capacity-follower.ts';

const SITES = [
  { id: 'ma-casa-1', name: 'Casablanca 1', country: 'MA', status: 'operational' },
  { id: 'ma-nador-2', name: 'Nador 2', country: 'MA', status: 'construction' },
  { id: 'fr-gre-1', name: 'Grenoble 1', country: 'FR', status: 'operational' },
] as SiteRow[];
const SUMMARY = {
  siteCount: 3,
  countryCount: 2,
  sitesByStatus: { operational: 2, construction: 1 },
  itCapacityMw: { operational: 165, construction: 30, planned: 0 },
  gpus: { total: 19500, operational: 16500 },
} as FleetSummary;

/** Morocco after a commit of 64 GPUs (0.5 MW): committed rises, free falls by as much. */
const afterCommit: CapacityLedger = buildLedger('country', [
  buildLedgerRow('MA', 45, {
    mw: { installed: 45, committed: 13, outOfService: 7.5, free: 24.5, stranded: 1, pipeline: 30 },
    gpus: { installed: 4500, committed: 1189, outOfService: 750, free: 2561, stranded: 0, pipeline: 3000 },
  }),
  buildLedgerRow('FR', 120),
]);

let ledgerAnswers: (CapacityLedger | number)[] = [];
let asked: string[] = [];

beforeEach(() => {
  asked = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const answer = url === '/api/capacity/ledger?groupBy=network' ? LEDGERS.network : (ledgerAnswers.shift() ?? LEDGERS.country);
      if (typeof answer === 'number')
        return new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'control plane unavailable' } }), { status: answer, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

/** A stand-in for the live feed: the test sends its timeline events. */
function fakeLive() {
  const listeners = new Set<(event: NocEvent) => void>();
  const live = { onNocEvent: (l: (event: NocEvent) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as LiveClient;
  const send = (kind: string) => act(() => listeners.forEach((l) => l({ type: 'timeline', event: { kind } } as unknown as NocEvent)));
  return { live, send };
}

function Console({ live, country }: { live: LiveClient; country?: string }) {
  useCapacityFollower(live, false);
  return <LiveFleetHeader sites={SITES} summary={SUMMARY} {...(country ? { country } : {})} />;
}

function renderHeader(country?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const feed = fakeLive();
  render(
    <QueryClientProvider client={client}>
      <Console live={feed.live} {...(country ? { country } : {})} />
    </QueryClientProvider>,
  );
  return feed;
}

const totals = (name: string) => screen.getByLabelText(name).textContent ?? '';

describe('the header follows the capacity ledger and the country filter', () => {
  it('says the network’s ledger figures with the ledger’s words and units', async () => {
    renderHeader();
    await waitFor(() => expect(totals('Fleet totals')).toContain('165 MW installed · 41.3 MW committed · 123.8 MW free · 0 MW pipeline'));
    expect(totals('Fleet totals')).toContain('16,500 GPUs installed · 4,125 GPUs committed · 12,375 GPUs free');
    expect(totals('Fleet totals')).toContain('3 sites in 2 countries');
    expect(asked).toEqual(['/api/capacity/ledger?groupBy=network']);
  });

  it('with Morocco chosen, says Morocco’s figures and says so', async () => {
    renderHeader('MA');
    const morocco = await screen.findByLabelText('Totals · Morocco');
    await waitFor(() => expect(morocco.textContent).toContain('45 MW installed · 12.5 MW committed · 25 MW free · 30 MW pipeline'));
    expect(morocco.textContent).toContain('Morocco · 2 sites');
    expect(morocco.textContent).toContain('4,500 GPUs installed · 1,125 GPUs committed');
    expect(morocco.textContent).not.toContain('165 MW');
    expect(screen.getByLabelText('Live figures · Morocco')).toBeTruthy();
  });

  it('committed rises after a commit event, free falls', async () => {
    const feed = renderHeader('MA');
    await waitFor(() => expect(totals('Totals · Morocco')).toContain('1,125 GPUs committed'));
    ledgerAnswers = [afterCommit];
    feed.send('commit');
    await waitFor(() => expect(totals('Totals · Morocco')).toContain('1,189 GPUs committed · 2,561 GPUs free'));
    expect(totals('Totals · Morocco')).toContain('13 MW committed');
  });

  it('keeps the last figures when the BFF answers 503, and marks them stale', async () => {
    const feed = renderHeader('MA');
    await waitFor(() => expect(totals('Totals · Morocco')).toContain('1,125 GPUs committed'));
    ledgerAnswers = [503];
    feed.send('release');
    await waitFor(() => expect(totals('Totals · Morocco')).toMatch(/Capacity as of \d\d:\d\d:\d\d: not refreshed/));
    expect(totals('Totals · Morocco')).toContain('1,125 GPUs committed');
  });

  it('says the ledger is unavailable when it never answered, and a country without capacity says so', async () => {
    ledgerAnswers = [503];
    renderHeader('MA');
    await waitFor(() => expect(totals('Totals · Morocco')).toContain('Capacity ledger unavailable'));
    cleanup();
    renderHeader('SN');
    await waitFor(() => expect(totals('Totals · Senegal')).toContain('No capacity recorded in Senegal'));
  });

  it('in French: Morocco’s figures in French words and numbers', async () => {
    await activateLocale('fr');
    renderHeader('MA');
    const maroc = await screen.findByLabelText('Totaux · Maroc');
    await waitFor(() => expect(maroc.textContent).toContain('45 MW installés · 12,5 MW engagés · 25 MW libres · 30 MW en projet'));
    expect(maroc.textContent).toContain('Maroc · 2 sites');
    expect(maroc.textContent).toContain('4\u202f500 GPU installés');
  });
});
