// @vitest-environment jsdom
import type { TimelineEvent } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { TimelinePage } from './timeline-page.tsx';

const event = (id: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id,
  at: '2026-12-03T12:00:00.000Z',
  kind: 'drain',
  siteId: 'ma-benguerir-1',
  linkId: 'medusa',
  summary: `event ${id}`,
  detail: {},
  ...overrides,
});

const anchor = (href: string) => ({ href });
const entityLinks = { siteName: (id: string) => `Site ${id}`, linkName: (id: string) => `Link ${id}`, site: anchor, link: anchor };

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

function renderTimeline(events: TimelineEvent[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ events }), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <TimelinePage filter={{}} onFilterChange={() => {}} sites={[]} links={[]} entityLinks={entityLinks} />
    </QueryClientProvider>,
  );
}

describe('the timeline in other languages', () => {
  it('in French names its table, the time column’s zone, each kind, and counts events with a plural', async () => {
    await activateLocale('fr');
    renderTimeline([event(2), event(1, { kind: 'commit' })]);
    const table = await screen.findByRole('table', { name: 'Événements de la chronologie' });
    expect(within(table).getByRole('columnheader', { name: `Heure (${viewerZone()})` })).toBeTruthy();
    expect(within(table).getByText('Vidage')).toBeTruthy();
    expect(within(table).getByText('Engagement')).toBeTruthy();
    expect(screen.getByText('2 événements, les plus récents')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Exporter en CSV' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Filtres de la chronologie' })).toBeTruthy();
  });

  it('in Arabic says one event in the singular and keeps both places of an event', async () => {
    await activateLocale('ar');
    renderTimeline([event(1)]);
    const table = await screen.findByRole('table', { name: 'أحداث السجل الزمني' });
    expect(screen.getByText('حدث واحد (الأحدث)')).toBeTruthy();
    expect(within(table).getByText('تفريغ')).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Site ma-benguerir-1' })).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Link medusa' })).toBeTruthy();
  });
});
