import { LinkListSchema } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import coarseCountriesUrl from 'world-atlas/countries-110m.json?url';
import fineCountriesUrl from 'world-atlas/countries-50m.json?url';
import { apiGet } from '../../../lib/api-client.ts';
import type { DrawableBasemap } from '../model/drawable-basemap.ts';
import { loadBasemap } from './load-basemap.ts';

export type BasemapDetail = 'coarse' | 'fine';

/** Query options for what the map draws besides sites: the offline basemap and the links. */
export const mapQueries = {
  /**
   * Natural Earth countries, shipped as static assets (fetched, not bundled into the JS): 1:110m for
   * the continental view, 1:50m once the map is zoomed in (ten times the vertices to draw).
   */
  basemap: (detail: BasemapDetail) =>
    queryOptions({
      queryKey: ['map', 'basemap', detail] as const,
      queryFn: ({ signal }): Promise<DrawableBasemap> => loadBasemap(detail === 'fine' ? fineCountriesUrl : coarseCountriesUrl, signal),
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
