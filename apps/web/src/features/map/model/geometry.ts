/** A point as GeoJSON holds it: longitude then latitude, in degrees. */
export type Position = [lon: number, lat: number];
/** A closed or open line of positions (a polygon's outline, a coastline). */
export type Ring = Position[];
/** A polygon: its outer ring, then its holes. */
export type PolygonCoords = Ring[];
