// @vitest-environment jsdom
import { buildWorkload } from '@corridor/shared/testing';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { placementKeys, workloadKeys } from '../../../lib/query-keys.ts';
import { useReleaseWorkload } from './use-release-workload.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('releasing a workload', () => {
  it('marks every workload view, the capacity and the plans stale, and nothing else', async () => {
    const released = buildWorkload({ id: 'wl-1', state: 'released' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(released), { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    const client = new QueryClient();
    const seeded = [workloadKeys.list({}), workloadKeys.detail('wl-1'), placementKeys.capacity(), placementKeys.plan(released.request), placementKeys.policy()];
    for (const key of seeded) client.setQueryData(key, {});
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

    const { result } = renderHook(() => useReleaseWorkload(), { wrapper });
    result.current.mutate('wl-1');
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(workloadKeys.list({}))).toBe(true);
    expect(stale(workloadKeys.detail('wl-1'))).toBe(true);
    expect(stale(placementKeys.capacity())).toBe(true);
    expect(stale(placementKeys.plan(released.request))).toBe(true);
    // The policy pack does not change with a release.
    expect(stale(placementKeys.policy())).toBe(false);
  });
});
