import type { JurisdictionCode } from './schemas/jurisdiction.ts';

/** A known city a latency objective can start from, e.g. `latency.from: "Casablanca"`. */
export interface Place {
  name: string;
  /** ISO 3166-1 alpha-2; wider than the fleet's jurisdictions (users live outside them too). */
  country: JurisdictionCode | 'GB' | 'DE' | 'BE' | 'NL';
  lat: number;
  lon: number;
}

/**
 * The gazetteer: city centres (rounded to 0.01°, ≈ 1 km, which is below what the latency model can
 * tell apart). Cities where the fleet's sites, landing stations and users are; not exhaustive.
 */
export const PLACES: readonly Place[] = [
  { name: 'Casablanca', country: 'MA', lat: 33.57, lon: -7.59 },
  { name: 'Rabat', country: 'MA', lat: 34.02, lon: -6.84 },
  { name: 'Tangier', country: 'MA', lat: 35.76, lon: -5.83 },
  { name: 'Marrakech', country: 'MA', lat: 31.63, lon: -7.98 },
  { name: 'Fes', country: 'MA', lat: 34.03, lon: -5.0 },
  { name: 'Nador', country: 'MA', lat: 35.17, lon: -2.93 },
  { name: 'Benguerir', country: 'MA', lat: 32.24, lon: -7.95 },
  { name: 'Ouarzazate', country: 'MA', lat: 30.92, lon: -6.89 },
  { name: 'Dakhla', country: 'MA', lat: 23.68, lon: -15.96 },
  { name: 'Madrid', country: 'ES', lat: 40.42, lon: -3.7 },
  { name: 'Barcelona', country: 'ES', lat: 41.39, lon: 2.17 },
  { name: 'Seville', country: 'ES', lat: 37.39, lon: -5.98 },
  { name: 'Malaga', country: 'ES', lat: 36.72, lon: -4.42 },
  { name: 'Paris', country: 'FR', lat: 48.86, lon: 2.35 },
  { name: 'Marseille', country: 'FR', lat: 43.3, lon: 5.37 },
  { name: 'Grenoble', country: 'FR', lat: 45.19, lon: 5.72 },
  { name: 'Lisbon', country: 'PT', lat: 38.72, lon: -9.14 },
  { name: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
  { name: 'Frankfurt', country: 'DE', lat: 50.11, lon: 8.68 },
  { name: 'Brussels', country: 'BE', lat: 50.85, lon: 4.35 },
  { name: 'Amsterdam', country: 'NL', lat: 52.37, lon: 4.9 },
  { name: 'Tunis', country: 'TN', lat: 36.81, lon: 10.18 },
  { name: 'Nouakchott', country: 'MR', lat: 18.08, lon: -15.98 },
  { name: 'Dakar', country: 'SN', lat: 14.72, lon: -17.47 },
  { name: 'Abidjan', country: 'CI', lat: 5.36, lon: -4.01 },
  { name: 'Accra', country: 'GH', lat: 5.6, lon: -0.19 },
  { name: 'Lomé', country: 'TG', lat: 6.13, lon: 1.22 },
  { name: 'Cotonou', country: 'BJ', lat: 6.37, lon: 2.39 },
  { name: 'Lagos', country: 'NG', lat: 6.52, lon: 3.38 },
  { name: 'Abuja', country: 'NG', lat: 9.08, lon: 7.4 },
  { name: 'New York', country: 'US', lat: 40.71, lon: -74.01 },
  { name: 'Ashburn', country: 'US', lat: 39.04, lon: -77.49 },
  { name: 'Atlanta', country: 'US', lat: 33.75, lon: -84.39 },
];

const fold = (name: string) =>
  name
    .trim()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
const PLACES_BY_NAME = new Map(PLACES.map((p) => [fold(p.name), p]));

/** The known city of that name, ignoring case and accents ("lome" finds Lomé); undefined when unknown. */
export function findPlace(name: string): Place | undefined {
  return PLACES_BY_NAME.get(fold(name));
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance between two points, km (haversine on the mean Earth radius). */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Light in fibre covers ~200 km per ms, so 100 km of fibre costs 1 ms of round trip: the fibre floor. */
export const FIBRE_KM_PER_RTT_MS = 100;
/** Route length ÷ great-circle distance for a modelled path (real routes run 1.3–2.1×; FACTS.md, "Latency"). */
export const ROUTE_FACTOR = 1.6;

/**
 * The placement engine's latency model in one paragraph (apps/control-plane/src/placement/latency.ts
 * implements it); the API documentation quotes it, so the figures can only change in one place.
 */
export const LATENCY_MODEL = [
  "A candidate's `rttMs` and its latency score are the estimated round trip from where the users are (`latency.from`:",
  `a point { lat, lon }, a site id, or a known city: ${PLACES.map((p) => p.name).join(', ')}) to the site, along the shortest`,
  'path over the network graph, whose nodes are the sites and the landing stations of the fleet. The users reach any node',
  `over an access hop modelled as great-circle distance × a route factor (${ROUTE_FACTOR}; real routes run 1.3–2.1×) at the fibre`,
  `floor of 1 ms round trip per ${FIBRE_KM_PER_RTT_MS} km; from there they ride the fleet’s links and cables, each at its RTT: measured`,
  'where a measurement is known, otherwise modelled from its length. The latency part’s `basis` says which path was taken.',
].join(' ');
