import { FleetSummarySchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** Query options for fleet-wide figures. */
export const fleetQueries = {
  all: () => ['fleet'] as const,
  summary: () =>
    queryOptions({
      queryKey: [...fleetQueries.all(), 'summary'] as const,
      queryFn: ({ signal }) => apiGet('/api/fleet/summary', FleetSummarySchema, signal),
    }),
};
