// @vitest-environment jsdom
import type { PolicyFlag, Workload } from '@corridor/shared';
import { buildWorkload } from '@corridor/shared/testing';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workloadKeys } from '../lib/query-keys.ts';
import { WorkloadsView } from './workloads-view.tsx';

const flag: PolicyFlag = {
  policyVersion: 'sha256:3f2a9c1b0d4e',
  ruleId: 'test-commercial-in-france',
  ruleTitle: 'Moroccan commercial data is hosted in France',
  code: 'JURISDICTION_NOT_ALLOWED',
  message: 'MA is not allowed.',
  flaggedAt: '2026-12-03T18:00:00.000Z',
};
const flagged = [buildWorkload({ id: 'wl-1', name: 'Shop search', policyFlag: flag }), buildWorkload({ id: 'wl-2', name: 'Shop ranking', policyFlag: flag })];
const lawful = buildWorkload({ id: 'wl-3', name: 'Ledger batch' });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The console's list answered by a stand-in API: `?flagged=true` answers the flagged ones, anything else all of them. */
function renderView(answer: (url: string) => Workload[]) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ workloads: answer(url) }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <WorkloadsView filter={{}} onFilterChange={() => {}} sites={[]} siteName={(id) => id} linkTo={(id) => ({ href: `#${id}`, onClick: () => {} })} />
    </QueryClientProvider>,
  );
  return { asked, client };
}

describe('the workloads view after a policy change (issue 15)', () => {
  it('counts in its heading the workloads the policy in force flags, and marks each in the list', async () => {
    const { asked } = renderView((url) => (url.includes('flagged=true') ? flagged : [...flagged, lawful]));
    expect(await screen.findByRole('heading', { level: 2, name: 'Workloads 2 flagged by the policy' })).toBeTruthy();
    expect(asked).toContain('/api/workloads?flagged=true');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.filter((r) => r.textContent?.includes('Not lawful under policy 3f2a9c1b0d4e: Moroccan commercial data is hosted in France'))).toHaveLength(2);
  });

  it('says nothing of the policy when it flags nothing', async () => {
    const { client } = renderView((url) => (url.includes('flagged=true') ? [] : [lawful]));
    expect(await screen.findByRole('table')).toBeTruthy();
    await waitFor(() => expect(client.getQueryState(workloadKeys.list({ flagged: 'true' }))?.status).toBe('success'));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Workloads');
    expect(screen.queryByText(/flagged by the policy/)).toBeNull();
  });
});
