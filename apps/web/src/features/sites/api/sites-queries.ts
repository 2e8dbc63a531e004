import { SiteDetailSchema, SiteRowListSchema, type SiteDetail, type SiteRowList } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiGet } from '../../../lib/api-client.ts';
import { generateSyntheticFleet, syntheticRowById, syntheticSiteDetail } from '../model/synthetic-fleet.ts';

/** Where the fleet comes from: the BFF, or a synthetic fleet of N sites built in the browser. */
export interface FleetSource {
  synthetic?: number;
}

/** Query options for sites: keys run from general to specific and carry the fleet source. */
export const siteQueries = {
  all: () => ['sites'] as const,
  list: ({ synthetic }: FleetSource) =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'list', { synthetic }] as const,
      queryFn: ({ signal }): Promise<SiteRowList> => (synthetic ? Promise.resolve({ sites: generateSyntheticFleet(synthetic) }) : apiGet('/api/sites', SiteRowListSchema, signal)),
      staleTime: synthetic ? Infinity : 30_000,
    }),
  detail: (id: string, { synthetic }: FleetSource) =>
    queryOptions({
      queryKey: [...siteQueries.all(), 'detail', id, { synthetic }] as const,
      queryFn: ({ signal }): Promise<SiteDetail> => {
        if (!synthetic) return apiGet(`/api/sites/${encodeURIComponent(id)}`, SiteDetailSchema, signal);
        const row = syntheticRowById(id, synthetic);
        if (!row) return Promise.reject(new ApiError({ status: 404, code: 'NOT_FOUND', message: `No site "${id}" in the synthetic fleet.` }));
        return Promise.resolve(syntheticSiteDetail(row));
      },
      staleTime: synthetic ? Infinity : 30_000,
    }),
};
