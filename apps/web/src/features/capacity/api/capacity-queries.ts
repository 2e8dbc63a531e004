import { CapacityForecastSchema, EnergyReportSchema, SiteLossSchema, SovereignHeadroomSchema, type EnergyPeriod } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client.ts';
import { ledgerKeys, ledgerQuery } from './ledger-query.ts';

/*
 * The capacity view's server state: one factory, keys from general to specific, so the live follower
 * refreshes every ledger read with one key (`capacityQueries.ledgers()`).
 */
export const capacityQueries = {
  ...ledgerKeys,
  ledger: ledgerQuery,
  energy: (period: EnergyPeriod) =>
    queryOptions({
      queryKey: [...capacityQueries.all(), 'energy', period] as const,
      queryFn: ({ signal }) => apiGet(`/api/capacity/energy?period=${period}&groupBy=country`, EnergyReportSchema, signal),
      staleTime: 60_000,
    }),
  headroom: () =>
    queryOptions({
      queryKey: [...capacityQueries.all(), 'headroom'] as const,
      queryFn: ({ signal }) => apiGet('/api/capacity/headroom', SovereignHeadroomSchema, signal),
      staleTime: 5_000,
    }),
  /** The loss of one site: a dry run (nothing is reserved or moved), so a read, cached like one. */
  siteLoss: (siteId: string) =>
    queryOptions({
      queryKey: [...capacityQueries.all(), 'site-loss', siteId] as const,
      queryFn: ({ signal }) => apiRequest('/api/capacity/site-loss', SiteLossSchema, { method: 'POST', body: { siteId }, signal }),
      staleTime: 5_000,
    }),
  forecast: () =>
    queryOptions({
      queryKey: [...capacityQueries.all(), 'forecast'] as const,
      queryFn: ({ signal }) => apiGet('/api/capacity/forecast', CapacityForecastSchema, signal),
      staleTime: 60_000,
    }),
};
