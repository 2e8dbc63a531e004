// @vitest-environment jsdom
import type { AlertList } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { buildAlert } from '../testing/build-alert.ts';
import { alertQueries, FIRING } from './alert-queries.ts';
import { useFollowAlerts, type AlertEventSource } from './use-follow-alerts.ts';

describe('following the stream’s alert events', () => {
  it('writes each alert event into the loaded lists, ignores other events, and stops on unmount', () => {
    const client = new QueryClient();
    client.setQueryData<AlertList>(alertQueries.list(FIRING).queryKey, { alerts: [] });
    const listeners = new Set<Parameters<AlertEventSource>[0]>();
    const source: AlertEventSource = (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => useFollowAlerts(source), { wrapper });
    const firing = () => client.getQueryData<AlertList>(alertQueries.list(FIRING).queryKey)!.alerts.map((a) => a.id);

    for (const l of listeners) l({ type: 'timeline' });
    for (const l of listeners) l({ type: 'alert', alert: buildAlert({ id: 'cut' }) });
    expect(firing()).toEqual(['cut']);
    unmount();
    expect(listeners.size).toBe(0);
  });
});
