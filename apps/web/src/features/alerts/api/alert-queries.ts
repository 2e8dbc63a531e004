import { AlertListSchema, AlertRuleListSchema, SilenceListSchema, type Alert, type AlertFilter, type AlertList } from '@corridor/shared';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { alertQueryString, sortAlerts, withStreamedAlert } from '../model/alert-order.ts';

/** The header badge and the wall follow every firing alert, whatever the alerts view filters. */
export const FIRING: AlertFilter = { state: 'firing' };

const alertKeys = {
  all: () => ['alerts'] as const,
  lists: () => [...alertKeys.all(), 'list'] as const,
  list: (filter: AlertFilter) => [...alertKeys.lists(), filter] as const,
  silences: () => [...alertKeys.all(), 'silences'] as const,
  rules: () => [...alertKeys.all(), 'rules'] as const,
};

/** Drops the filter's unset keys, so `{ state: undefined }` and `{}` share one cache entry. */
const normalize = (filter: AlertFilter): AlertFilter => Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AlertFilter;

/**
 * Query options for the NOC's alerts: lists keyed by their filters, kept current by the stream (no
 * polling — see applyStreamedAlert), silences and rules. Lists come sorted as the console shows them.
 */
export const alertQueries = {
  all: alertKeys.all,
  lists: alertKeys.lists,
  list: (filter: AlertFilter) =>
    queryOptions({
      queryKey: alertKeys.list(normalize(filter)),
      queryFn: async ({ signal }): Promise<AlertList> => {
        const list = await apiGet(`/api/alerts${alertQueryString(filter)}`, AlertListSchema, signal);
        return { alerts: sortAlerts(list.alerts) };
      },
      // The stream keeps a followed list current; nothing to ask again on focus.
      staleTime: Infinity,
    }),
  silences: () =>
    queryOptions({
      queryKey: alertKeys.silences(),
      queryFn: ({ signal }) => apiGet('/api/silences', SilenceListSchema, signal),
    }),
  rules: () =>
    queryOptions({
      queryKey: alertKeys.rules(),
      queryFn: ({ signal }) => apiGet('/api/alert-rules', AlertRuleListSchema, signal),
      staleTime: 5 * 60_000,
    }),
};

/** An `alert` stream event (the alert's whole new state) written into every loaded list it concerns. */
export function applyStreamedAlert(queryClient: QueryClient, alert: Alert): void {
  for (const [key, data] of queryClient.getQueriesData<AlertList>({ queryKey: alertKeys.lists() })) {
    const filter = key[2] as AlertFilter | undefined;
    if (!data || !filter) continue;
    const alerts = withStreamedAlert(data.alerts, alert, filter);
    if (alerts !== data.alerts) queryClient.setQueryData<AlertList>(key, { alerts: [...alerts] });
  }
}

/** After a gap in the stream (resync, reconnection after staleness): lists may have missed changes, ask again. */
export const refetchAlerts = (queryClient: QueryClient): Promise<void> => queryClient.invalidateQueries({ queryKey: alertKeys.all() });
