import { GPU_MODELS, type GpuModel, type Site, type SiteStatus } from '@corridor/shared';

/** GPUs of one model installed at a site, and kW each (the highest of its clusters: the safe side). */
export interface InstalledPool {
  model: GpuModel;
  installed: number;
  kwPerGpu: number;
}

/** What the engine reads about a site on every plan, derived once per fleet snapshot. */
export interface SiteFacts {
  site: Site;
  id: string;
  lat: number;
  lon: number;
  status: SiteStatus;
  /** '' when the fleet gives none. */
  commissioningDate: string;
  itCapacityKw: number;
  gridCarbonGPerKwh: number;
  energyPriceUsdPerKwh: number;
  /** By model, in the order GPU_MODELS lists them; only models the site has. */
  pools: readonly InstalledPool[];
  /** What the site's policy answer depends on: country, operator and certifications. */
  policyKey: string;
}

const cache = new WeakMap<readonly Site[], readonly SiteFacts[]>();

/**
 * The sites as uniform records, cached per snapshot (a snapshot's sites array is reused across
 * plans). Sites come with optional fields in varying combinations; reading the same few numbers
 * from records of one shape, laid out together, keeps a 10,000-site plan in tens of milliseconds.
 */
export function siteFacts(sites: readonly Site[]): readonly SiteFacts[] {
  let facts = cache.get(sites);
  if (!facts) {
    facts = sites.map((site) => ({
      site,
      id: site.id,
      lat: site.lat,
      lon: site.lon,
      status: site.status,
      commissioningDate: site.commissioningDate ?? '',
      itCapacityKw: site.itCapacityMw * 1000,
      gridCarbonGPerKwh: site.gridCarbonGPerKwh,
      energyPriceUsdPerKwh: site.energyPriceUsdPerKwh,
      pools: installedPools(site),
      policyKey: `${site.country}|${site.operator.id}|${site.certifications.join('|')}`,
    }));
    cache.set(sites, facts);
  }
  return facts;
}

function installedPools(site: Site): InstalledPool[] {
  return GPU_MODELS.flatMap((model) => {
    const clusters = site.clusters.filter((c) => c.gpuModel === model);
    const installed = clusters.reduce((n, c) => n + c.gpuCount, 0);
    return installed > 0 ? [{ model, installed, kwPerGpu: Math.max(...clusters.map((c) => c.kwPerGpu)) }] : [];
  });
}
