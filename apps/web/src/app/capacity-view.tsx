import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import coarseCountriesUrl from 'world-atlas/countries-110m.json?url';
import { CapacityPage } from '../features/capacity/components/capacity-page.tsx';
import type { CountryShape } from '../features/capacity/model/projection.ts';
import { syntheticLedgers } from '../features/capacity/model/synthetic-ledger.ts';
import type { ViewContext } from './view-context.ts';

/**
 * The country outlines of the network map's offline basemap (world-atlas 1:110m, Morocco with its
 * southern provinces as the map draws it), with their ids for the capacity choropleth.
 */
async function loadCountryShapes(signal: AbortSignal): Promise<CountryShape[]> {
  const response = await fetch(coarseCountriesUrl, { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`basemap HTTP ${response.status}`);
  const topology: unknown = await response.json();
  // The map's own reading of the topology, loaded with the view (the capacity page is not in the first bundle).
  const { buildBasemap } = await import('../features/map/model/basemap.ts');
  return buildBasemap(topology, 'official').countries.features.map((f) => ({
    id: f.properties.id,
    polygons: f.geometry.coordinates as unknown as CountryShape['polygons'],
  }));
}

/** Opens another state of the console given as a query string, in place (the URL state follows popstate). */
function openInPlace(search: string): void {
  window.history.pushState(null, '', `${window.location.pathname}${search}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The executive's capacity view, composed with the map's basemap and the placement view's pre-fill. */
export function CapacityView({ sites, abilities, url }: ViewContext) {
  const shapes = useQuery({
    queryKey: ['capacity', 'country-shapes'] as const,
    queryFn: ({ signal }) => loadCountryShapes(signal),
    staleTime: Infinity,
    gcTime: Infinity,
    structuralSharing: false,
  });
  // A synthetic fleet (?synthetic=N) has no server ledger: its sites' nameplates make one in the browser.
  const synthetic = useMemo(() => (url.synthetic ? syntheticLedgers(sites, new Date().toISOString()) : undefined), [url.synthetic, sites]);
  return <CapacityPage sites={sites} countryShapes={shapes.data} onOpenPlacement={abilities.canPlace ? openInPlace : undefined} synthetic={synthetic} />;
}
