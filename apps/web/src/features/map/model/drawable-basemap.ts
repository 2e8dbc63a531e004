import type { MultiLineString } from 'geojson';
import { buildBasemap, type CountryFeature } from './basemap.ts';
import { toMercatorShape, type MercatorShape } from './mercator.ts';

/** The basemap as the map draws it: country rings pre-projected, the alternative boundary as GeoJSON. */
export interface DrawableBasemap {
  countries: MercatorShape[];
  westernSahara?: CountryFeature;
  disputedBorder?: MultiLineString;
}

/** Topology → everything the map needs, in one pass that can run in a worker. */
export function prepareBasemap(topology: unknown): DrawableBasemap {
  const { countries, westernSahara, disputedBorder } = buildBasemap(topology, 'alt');
  return {
    countries: countries.features.map((f) => toMercatorShape(f.geometry.coordinates as [number, number][][][])),
    westernSahara,
    disputedBorder,
  };
}

/** The buffers a worker can hand over without copying. */
export function transferablesOf(basemap: DrawableBasemap): ArrayBuffer[] {
  return basemap.countries.flatMap((shape) => shape.rings.map((ring) => ring.buffer as ArrayBuffer));
}
