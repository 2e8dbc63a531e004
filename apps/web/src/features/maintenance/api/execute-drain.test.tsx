// @vitest-environment jsdom
import type { Drain } from '@corridor/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../lib/query-client.ts';
import { DrainProgress } from '../components/drain-progress.tsx';
import { useExecuteDrain } from './maintenance-queries.ts';

const item = { workloadId: 'wl-a', workloadName: 'training-a', tenant: 'acme', from: 'ma-benguerir-1', to: 'ma-casa-2' } as const;
const base = { id: 'dr-1', planId: 'dp-1', siteId: 'ma-benguerir-1', createdBy: 'olga', startedAt: '2026-12-03T12:00:00Z', deadline: '2026-12-03T12:30:00Z' };
/** What the answer to "execute" says: the move has just begun. */
const answered: Drain = { ...base, state: 'running', items: [{ ...item, state: 'migrating' }] };
/** What the control plane holds by the time the answer arrives: the drain ran while the answer travelled. */
const meanwhile: Drain = { ...base, state: 'done', finishedAt: '2026-12-03T12:00:02Z', items: [{ ...item, state: 'moved' }] };

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Harness() {
  const execute = useExecuteDrain();
  return execute.data ? (
    <DrainProgress drainId={execute.data.id} siteName={(id) => id} siteLink={() => ({})} workloadLink={() => ({})} timelineLink={() => ({})} />
  ) : (
    <button type="button" onClick={() => execute.mutate('dp-1')}>
      execute
    </button>
  );
}

// The stream's drain and migration events arrived before the answer, when no drain was in the cache to refresh
// (the e2e trace of issue 16: the page stayed on "migrating"). Without polling, the page must still end on "moved".
it('shows where the drain is, not where the answer to "execute" left it, with no event after the answer', async () => {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => (init?.method === 'POST' ? json(answered) : json(meanwhile)));
  vi.stubGlobal('fetch', fetch);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <Harness />
    </QueryClientProvider>,
  );
  await act(async () => screen.getByRole('button', { name: 'execute' }).click());
  const row = await screen.findByRole('row', { name: /training-a/ });
  await within(row).findByText('moved');
  expect(fetch.mock.calls.filter(([url, init]) => url === '/api/drains/dr-1' && (init?.method ?? 'GET') === 'GET')).toHaveLength(1);
});
