// @vitest-environment jsdom
import { buildWorkload } from '@corridor/shared/testing';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { placementKeys, workloadKeys } from '../../../lib/query-keys.ts';
import { buildPlan } from '../testing/plan-builders.ts';
import { useCommitWorkload } from './use-commit-workload.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

/** Commits once with the list, capacity, a plan and the policy in the cache; says which of them went stale. */
async function commitAndSeeWhatIsStale() {
  const workload = buildWorkload();
  const client = new QueryClient();
  const keys = { workloads: workloadKeys.list({}), capacity: placementKeys.capacity(), plan: placementKeys.plan(workload.request), policy: placementKeys.policy() };
  for (const key of Object.values(keys)) client.setQueryData(key, {});
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useCommitWorkload(), { wrapper });
  result.current.mutate(workload.request);
  await waitFor(() => expect(result.current.isSuccess).toBe(true));
  return Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, client.getQueryState(key)?.isInvalidated]));
}

describe('committing a workload from the form', () => {
  it('makes the workload lists, the capacity and the plans stale once the workload is placed', async () => {
    answer(201, buildWorkload());
    expect(await commitAndSeeWhatIsStale()).toEqual({ workloads: true, capacity: true, plan: true, policy: false });
  });

  it('leaves the workload lists alone when no site fits (nothing was placed), but not the plans or capacity', async () => {
    answer(409, { error: { code: 'CONFLICT', message: 'No site can take this workload now.' }, plan: buildPlan({ candidates: [] }) });
    expect(await commitAndSeeWhatIsStale()).toEqual({ workloads: false, capacity: true, plan: true, policy: false });
  });
});
