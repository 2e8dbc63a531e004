// @vitest-environment jsdom
import type { Drain } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../lib/i18n/locales.ts';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { DrainProgress } from './drain-progress.tsx';

const names: Record<string, string> = { 'ma-benguerir-1': 'Benguerir 1', 'ma-casa-2': 'Casablanca 2' };

const drain: Drain = {
  id: 'dr-1',
  planId: 'dp-1',
  siteId: 'ma-benguerir-1',
  state: 'partial',
  createdBy: 'olga',
  startedAt: '2026-12-03T12:00:00Z',
  deadline: '2026-12-03T12:30:00Z',
  finishedAt: '2026-12-03T12:05:00Z',
  items: [
    { workloadId: 'wl-a', workloadName: 'training-a', tenant: 'acme', from: 'ma-benguerir-1', to: 'ma-casa-2', state: 'moved' },
    { workloadId: 'wl-b', workloadName: 'records-b', tenant: 'health', from: 'ma-benguerir-1', to: null, state: 'blocked', reason: 'No lawful destination.' },
  ],
};

async function renderIn(locale: Locale) {
  await activateLocale(locale);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(drain), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DrainProgress
        drainId="dr-1"
        siteName={(id) => names[id] ?? id}
        siteLink={(id) => ({ href: `?site=${id}` })}
        workloadLink={(id) => ({ href: `?workload=${id}` })}
        timelineLink={(id) => ({ href: `?view=timeline&esite=${id}` })}
      />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

describe('a drain’s progress', () => {
  it('keeps its English words: state, counts, each item from → to and its state', async () => {
    await renderIn('en');
    const page = await screen.findByRole('main', { name: 'Drain of Benguerir 1' });
    expect(within(page).getByRole('status').textContent).toBe('Done, some stayed · 1 of 2 workloads moved · 1 blocked');
    const moved = within(page).getByRole('row', { name: /training-a/ });
    expect(moved.textContent).toContain('Benguerir 1 → Casablanca 2');
    expect(moved.textContent).toContain('moved');
    expect(within(page).getByRole('link', { name: 'its timeline' }).getAttribute('href')).toBe('?view=timeline&esite=ma-benguerir-1');
  });

  it('says it in French, links kept in the sentence', async () => {
    await renderIn('fr');
    const page = await screen.findByRole('main', { name: 'Vidage de Benguerir 1' });
    expect(within(page).getByRole('status').textContent).toBe('Terminé, certaines sont restées · 1 sur 2 charges de travail déplacées · 1 bloquée');
    expect(within(page).getByRole('table', { name: 'Charges de travail du vidage' })).toBeTruthy();
    expect(within(page).getByRole('columnheader', { name: 'De → vers' })).toBeTruthy();
    const blocked = within(page).getByRole('row', { name: /records-b/ });
    expect(blocked.textContent).toContain('Benguerir 1 → reste');
    expect(blocked.textContent).toContain('bloquée');
    expect(within(page).getByRole('link', { name: 'sa chronologie' }).getAttribute('href')).toBe('?view=timeline&esite=ma-benguerir-1');
    expect(within(page).getByRole('link', { name: 'Benguerir 1' }).getAttribute('href')).toBe('?site=ma-benguerir-1');
  });
});
