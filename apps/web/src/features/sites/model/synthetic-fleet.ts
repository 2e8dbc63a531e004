import { mulberry32, type JurisdictionCode, type SiteDetail, type SiteRow, type SiteStatus } from '@corridor/shared';

/**
 * A deterministic synthetic fleet (?synthetic=N) for trying the map at scale without a server.
 * Same N and seed → same sites; the first k sites do not depend on N.
 */

/** Same seed, same stream. */
export const createRandom = mulberry32;

interface Region {
  country: JurisdictionCode;
  /** [south, north, west, east] in degrees, inside the country's land. */
  box: [number, number, number, number];
  weight: number;
  cities: string[];
}

/** Boxes kept inland so synthetic sites fall on land, over Europe, Africa and the Americas. */
export const SYNTHETIC_REGIONS: readonly Region[] = [
  { country: 'US', box: [33, 44.5, -108, -81], weight: 22, cities: ['Ashburn', 'Dallas', 'Columbus', 'Omaha', 'Atlanta'] },
  { country: 'US', box: [36, 46, -121, -110], weight: 8, cities: ['Reno', 'Boise', 'Salt Lake City', 'Quincy'] },
  { country: 'FR', box: [43.6, 49.3, -0.5, 6.5], weight: 12, cities: ['Grenoble', 'Marseille', 'Paris', 'Lyon', 'Bordeaux'] },
  { country: 'ES', box: [37.5, 42.8, -6.5, -1], weight: 10, cities: ['Madrid', 'Barcelona', 'Seville', 'Bilbao', 'Zaragoza'] },
  { country: 'PT', box: [37.5, 41.8, -8.4, -7.3], weight: 3, cities: ['Lisbon', 'Porto', 'Sines'] },
  { country: 'MA', box: [30, 34.5, -9, -3], weight: 10, cities: ['Casablanca', 'Rabat', 'Tangier', 'Marrakesh', 'Nador'] },
  { country: 'MA', box: [23, 27, -13, -9.5], weight: 3, cities: ['Dakhla', 'Laayoune'] },
  { country: 'TN', box: [33.5, 36.8, 8.6, 10.4], weight: 3, cities: ['Tunis', 'Sfax', 'Sousse'] },
  { country: 'MR', box: [16.5, 23.5, -15, -7], weight: 3, cities: ['Nouakchott', 'Nouadhibou'] },
  { country: 'SN', box: [12.8, 16, -16, -12.5], weight: 5, cities: ['Dakar', 'Diamniadio', 'Thiès'] },
  { country: 'CI', box: [5.5, 9.5, -7.5, -3.5], weight: 5, cities: ['Abidjan', 'Yamoussoukro', 'Bouaké'] },
  { country: 'GH', box: [6, 10.5, -2.5, 0.2], weight: 4, cities: ['Accra', 'Kumasi', 'Tema'] },
  { country: 'TG', box: [6.5, 10.5, 0.7, 1.5], weight: 2, cities: ['Lomé', 'Kara'] },
  { country: 'BJ', box: [6.7, 11.5, 1.8, 3.5], weight: 2, cities: ['Cotonou', 'Parakou'] },
  { country: 'NG', box: [6.5, 12.5, 3.5, 12.5], weight: 8, cities: ['Lagos', 'Abuja', 'Kano', 'Ibadan'] },
];

const OPERATORS: readonly { id: string; name: string; controlledBy: JurisdictionCode }[] = [
  { id: 'syn-atlas-compute', name: 'Atlas Compute (synthetic)', controlledBy: 'MA' },
  { id: 'syn-rhone-gpu', name: 'Rhône GPU (synthetic)', controlledBy: 'FR' },
  { id: 'syn-iberia-ai', name: 'Iberia AI (synthetic)', controlledBy: 'ES' },
  { id: 'syn-potomac-cloud', name: 'Potomac Cloud (synthetic)', controlledBy: 'US' },
  { id: 'syn-sahel-grid', name: 'Sahel Grid (synthetic)', controlledBy: 'SN' },
  { id: 'syn-gulf-guinea', name: 'Gulf of Guinea DC (synthetic)', controlledBy: 'NG' },
];

/** Mostly operational, some being built or planned, a few unwell. */
const STATUS_WEIGHTS: readonly [SiteStatus, number][] = [
  ['operational', 70],
  ['maintenance', 5],
  ['degraded', 4],
  ['offline', 2],
  ['construction', 9],
  ['planned', 10],
];

function pickWeighted<T>(random: () => number, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weightOf(item);
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const round = (n: number, step: number) => Math.round(n / step) * step;

/** N synthetic sites, shaped like GET /api/sites rows. */
export function generateSyntheticFleet(count: number, seed = 20_260_101): SiteRow[] {
  const random = createRandom(seed);
  const sites: SiteRow[] = [];
  for (let i = 1; i <= count; i++) {
    const region = pickWeighted(random, SYNTHETIC_REGIONS, (r) => r.weight);
    const [south, north, west, east] = region.box;
    const operator = random() < 0.6 ? (OPERATORS.find((o) => o.controlledBy === region.country) ?? pick(random, OPERATORS)) : pick(random, OPERATORS);
    const status = pickWeighted(random, STATUS_WEIGHTS, ([, w]) => w)[0];
    // Log-uniform 1–60 MW: many small sites, a few large campuses.
    const itCapacityMw = round(Math.exp(random() * Math.log(60)), 0.5) || 0.5;
    const city = pick(random, region.cities);
    const number = String(i).padStart(5, '0');
    sites.push({
      id: `syn-${number}`,
      name: `${city} SYN-${number}`,
      country: region.country,
      city,
      lat: round(south + random() * (north - south), 0.0001),
      lon: round(west + random() * (east - west), 0.0001),
      status,
      itCapacityMw,
      gpuCount: status === 'planned' ? 0 : Math.round(itCapacityMw * 550),
      operatorId: operator.id,
      operatorName: operator.name,
      controlledBy: operator.controlledBy,
    });
  }
  return sites;
}

/** The panel's view of a synthetic site: plausible figures derived from its row, no links. */
export function syntheticSiteDetail(row: SiteRow): SiteDetail {
  const random = createRandom([...row.id].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
  const needsDate = row.status === 'planned' || row.status === 'construction';
  const h200 = Math.round(row.gpuCount * 0.6);
  return {
    site: {
      id: row.id,
      name: row.name,
      operator: { id: row.operatorId, name: row.operatorName, controlledBy: row.controlledBy },
      country: row.country,
      city: row.city,
      lat: row.lat,
      lon: row.lon,
      status: row.status,
      itCapacityMw: row.itCapacityMw,
      designPue: round(1.15 + random() * 0.3, 0.01),
      certifications: random() < 0.5 ? ['Uptime Tier III', 'ISO 27001'] : ['ISO 27001'],
      onSiteSolarMw: round(random() * row.itCapacityMw * 0.3, 0.1),
      gridCarbonGPerKwh: Math.round(50 + random() * 600),
      energyPriceUsdPerKwh: round(0.05 + random() * 0.12, 0.001),
      commissioningDate: needsDate ? `${2026 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}-01` : undefined,
      clusters:
        row.gpuCount === 0
          ? []
          : [
              { id: 'hall-a', name: 'Hall A', gpuModel: 'H200', gpuCount: h200, kwPerGpu: 1.4 },
              { id: 'hall-b', name: 'Hall B', gpuModel: 'B200', gpuCount: row.gpuCount - h200, kwPerGpu: 1.8 },
            ],
      gpuCount: row.gpuCount,
      source: 'Synthetic fleet (?synthetic=N) for performance trials: not a real site.',
    },
    links: [],
  };
}

/** The synthetic row with this id in a fleet of `count`, or undefined. Cheap: site k depends only on sites before it. */
export function syntheticRowById(id: string, count: number): SiteRow | undefined {
  const match = /^syn-(\d{5,})$/.exec(id);
  const index = match ? Number(match[1]) : 0;
  if (index < 1 || index > count) return undefined;
  return generateSyntheticFleet(index).at(-1);
}
