import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import { splitPolygons } from './antimeridian.ts';
import { clipPolygonByLatitude, edgesOnLatitude } from './clip.ts';
import type { Position } from './geometry.ts';

/** Which Morocco boundary the basemap draws: the official one (with its southern provinces) or the alternative. */
export type BoundaryMode = 'official' | 'alt';

type Topology = Parameters<typeof feature>[0];
type TopoGeometry = { id?: string | number; type: string | null; properties?: { name?: string } };
type CountryCollection = { type: 'GeometryCollection'; geometries: TopoGeometry[] };

export type CountryFeature = Feature<MultiPolygon, { id: string; name: string }>;

/** What the map draws under the sites, ready for Leaflet (longitudes within ±180°, no smear). */
export interface Basemap {
  countries: FeatureCollection<MultiPolygon, { id: string; name: string }>;
  /** Alternative boundary only: Western Sahara drawn on its own… */
  westernSahara?: CountryFeature;
  /** …and the line between it and Morocco, drawn dashed. */
  disputedBorder?: MultiLineString;
}

/** Natural Earth ids (ISO 3166-1 numeric) in world-atlas. */
export const MOROCCO_ID = '504';
export const WESTERN_SAHARA_ID = '732';

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as Position[][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Position[][][];
  return [];
}

function countryFeature(id: string, name: string, geometry: Geometry | null): CountryFeature {
  return { type: 'Feature', properties: { id, name }, geometry: { type: 'MultiPolygon', coordinates: splitPolygons(polygonsOf(geometry)) } };
}

/** The world-atlas countries object, or an error naming what is missing. */
export function countriesOf(topology: unknown): { topology: Topology; countries: CountryCollection } {
  const objects = (topology as { objects?: Record<string, unknown> } | null)?.objects;
  const countries = objects?.countries as CountryCollection | undefined;
  if (!countries || countries.type !== 'GeometryCollection' || !Array.isArray(countries.geometries)) {
    throw new Error('The basemap has no "countries" geometry collection.');
  }
  return { topology: topology as Topology, countries };
}

/**
 * Country shapes from a world-atlas topology. Morocco is drawn with its southern provinces
 * (Natural Earth's Morocco and W. Sahara merged), as Morocco's official map shows.
 * The alternative boundary marks Western Sahara as the territory south of 27°40′N (Natural Earth's
 * own "W. Sahara" follows the berm instead), shaded apart, with a dashed line along that parallel.
 */
export function buildBasemap(topologyJson: unknown, mode: BoundaryMode): Basemap {
  const { topology, countries } = countriesOf(topologyJson);
  const features: CountryFeature[] = [];
  const morocco: TopoGeometry[] = [];
  for (const geometry of countries.geometries) {
    if (!geometry.type) continue;
    const id = String(geometry.id ?? geometry.properties?.name ?? '');
    if (id === MOROCCO_ID || id === WESTERN_SAHARA_ID) {
      morocco.push(geometry);
      continue;
    }
    const shape = feature(topology, geometry as never) as Feature;
    features.push(countryFeature(id, geometry.properties?.name ?? id, shape.geometry));
  }
  const basemap: Basemap = { countries: { type: 'FeatureCollection', features } };
  if (morocco.length === 0) return basemap;

  const moroccoWithSouth = countryFeature(MOROCCO_ID, 'Morocco', merge(topology, morocco as never));
  features.push(moroccoWithSouth);
  const westernSahara = morocco.find((g) => String(g.id) === WESTERN_SAHARA_ID);
  if (mode === 'alt' && westernSahara) {
    // The 27°40′N parallel, where the data's own W. Sahara meets Morocco and Algeria.
    const shape = feature(topology, westernSahara as never) as Feature;
    const cutLat = Math.max(
      ...polygonsOf(shape.geometry)
        .flat(2)
        .map((p) => p[1]),
    );
    const south = moroccoWithSouth.geometry.coordinates.map((polygon) => clipPolygonByLatitude(polygon as Position[][], cutLat, false)).filter((p): p is Position[][] => !!p);
    basemap.westernSahara = { type: 'Feature', properties: { id: WESTERN_SAHARA_ID, name: 'Western Sahara' }, geometry: { type: 'MultiPolygon', coordinates: south } };
    basemap.disputedBorder = { type: 'MultiLineString', coordinates: south.flatMap(([outer]) => edgesOnLatitude(outer!, cutLat)) };
  }
  return basemap;
}
