import { LinkListSchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { apiGet } from '../../../lib/api-client.ts';
import type { DrawableBasemap } from '../model/drawable-basemap.ts';
import { loadBasemap } from './load-basemap.ts';

/** Query options for what the map draws besides sites: the offline basemap and the links. */
export const mapQueries = {
  /** Natural Earth 1:50m countries, shipped as a static asset (fetched, not bundled into the JS). */
  basemap: () =>
    queryOptions({
      queryKey: ['map', 'basemap', countriesUrl] as const,
      queryFn: ({ signal }): Promise<DrawableBasemap> => loadBasemap(countriesUrl, signal),
      staleTime: Infinity,
      structuralSharing: false,
      gcTime: Infinity,
      retry: 2,
      meta: { refetchOnRecovery: false },
    }),
  links: () =>
    queryOptions({
      queryKey: ['map', 'links'] as const,
      queryFn: ({ signal }) => apiGet('/api/links', LinkListSchema, signal),
    }),
};
