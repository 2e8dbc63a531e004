// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { liveQueries } from '../api/live-queries.ts';
import { applyBatch, emptyBatch, fromSnapshot, type LiveState } from '../model/live-state.ts';
import { LiveKpis } from './live-kpis.tsx';
import { SiteLive } from './site-live.tsx';
import { StaleBadge } from './stale-badge.tsx';

const state: LiveState = {
  lastEventId: 1,
  at: Date.UTC(2026, 5, 21, 12),
  sites: {
    big: { at: 0, values: { site_facility_power_watts: 12e6, site_it_power_watts: 10e6, site_renewable_share_ratio: 0.1, site_gpus_busy: 900, site_gpus_free: 100, site_pue_ratio: 1.2 } },
    small: { at: 0, values: { site_facility_power_watts: 2e6, site_it_power_watts: 1e6, site_renewable_share_ratio: 0.8, site_gpus_busy: 10, site_gpus_free: 90 } },
  },
  links: {},
  health: { big: { siteId: 'big', declared: 'operational', health: 'degraded', reason: 'cooling failure (injected fault)', since: 0 } },
  faults: {},
};

function withCache(children: ReactNode, live: LiveState = state) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(liveQueries.snapshot().queryKey, live);
  return render(<QueryClientProvider client={client}>{children}</QueryClientProvider>);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('live components', () => {
  it('header KPIs read the live cache, with units', () => {
    withCache(<LiveKpis />);
    const kpis = screen.getByLabelText('Live fleet figures');
    expect(kpis.textContent).toContain('14 MW facility');
    expect(kpis.textContent).toContain('1.27 power-weighted');
    expect(kpis.textContent).toContain('20 % of power');
    expect(kpis.textContent).toContain('In use (measured)910 GPUs busy · 11 MW IT');
  });

  it('header KPIs of one country: its sites only, and the label says which', () => {
    withCache(<LiveKpis siteIds={new Set(['small'])} scope="Morocco" />);
    const kpis = screen.getByLabelText('Live figures · Morocco');
    expect(kpis.textContent).toContain('2 MW facility');
    expect(kpis.textContent).toContain('10 GPUs busy · 1 MW IT');
  });

  it('header KPIs in French: words, French separators and SI units', async () => {
    await activateLocale('fr');
    try {
      withCache(<LiveKpis />);
      const kpis = screen.getByLabelText('Chiffres en direct de la flotte');
      expect(kpis.textContent).toContain('14 MW au total');
      expect(kpis.textContent).toContain('1,27 pondéré par la puissance');
      expect(kpis.textContent).toContain('Utilisé (mesuré)910 GPU occupés · 11 MW IT');
    } finally {
      await activateLocale('en');
    }
  });

  it('the badge is a status that says why data is stale', () => {
    render(<StaleBadge freshness={{ kind: 'stale', reason: 'stream', message: 'Live data stale — stream disconnected' }} />);
    expect(screen.getByRole('status').textContent).toBe('Live data stale — stream disconnected');
  });

  it('a site panel shows live figures and an empty state without telemetry', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const metric = new URL(url, 'http://x').searchParams.get('metric');
        const body = { metric, unit: 'watts', kind: 'gauge', siteId: 'big', resolution: '1m', stepMs: 15_000, from: 0, to: 15_000, points: [] };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const onRangeChange = vi.fn();
    withCache(<SiteLive siteId="big" range="1h" onRangeChange={onRangeChange} />);
    expect(screen.getByLabelText('Live figures').textContent).toContain('PUE (interim)1.20');
    // The time of the figures says its zone (the viewer's).
    expect(screen.getByRole('heading', { level: 3, name: /^Live · as of / }).textContent).toMatch(new RegExp(`as of \\d\\d:\\d\\d:\\d\\d \\(${viewerZone()}\\)$`));
    await waitFor(() => expect(screen.getByText('No telemetry yet for this site.')).toBeTruthy());
    expect(screen.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '24 h' }));
    expect(onRangeChange).toHaveBeenCalledWith('24h');
  });

  it('a site that went down shows 0 kW and 0 % availability, and no PUE or GPU temperature from before', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 503 })),
    );
    const up = { site_it_power_watts: 5e6, site_facility_power_watts: 6e6, site_pue_ratio: 1.2, gpu_temperature_mean_celsius: 61, gpu_temperature_max_celsius: 74, site_availability_ratio: 1 };
    // What the simulator reports for a site down (its `site-down` fault), at a 1 s tick.
    const down = { site_it_power_watts: 0, site_facility_power_watts: 0, site_gpus_busy: 0, site_gpus_free: 0, site_availability_ratio: 0, site_ambient_temperature_celsius: 20 };
    let live = fromSnapshot({ lastEventId: 0, frame: { at: 0, sites: {}, links: {} }, health: {}, faults: [] });
    for (let i = 1; i <= 8; i++) live = applyBatch(live, { ...emptyBatch(), frames: [{ at: i * 1000, sites: { rabat: i <= 5 ? up : down }, links: {} }] });
    withCache(<SiteLive siteId="rabat" range="1h" onRangeChange={() => {}} />, live);
    const figures = screen.getByLabelText('Live figures').textContent;
    expect(figures).toContain('IT power0 kW');
    expect(figures).toContain('Availability0 %');
    expect(figures).not.toContain('PUE');
    expect(figures).not.toContain('GPU temperature');
  });
});
