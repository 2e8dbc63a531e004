import type { SiteStatus } from '@corridor/shared';
// Relative until packages/shared/src/index.ts re-exports the catalogue; then import from '@corridor/shared'.
import { LINK_METRICS, SITE_METRICS, type Sample } from '@corridor/shared';
import { ambientTemperatureC, annualMeanC } from './climate.ts';
import { type Fault, type LinkValues, type SiteValues, applyCableCut, applySiteDown, linkFault, siteCoolingEffect, siteFaults } from './faults.ts';
import { GPU_BOARD_SHARE, gpuTemperatures, inferCooling, inletTemperatureC, smActiveRatio, xidErrorCount } from './gpu.ts';
import { type SimLink, linkValues } from './links.ts';
import { type ClusterPower, type Cooling, energyMix, facilityPowerKw, gridLowCarbonShare, installedItKw, itPowerKw, pue } from './power.ts';
import { type Seed, clamp, gaussian, rng } from './random.ts';
import { siteSolarKw } from './solar.ts';

/**
 * One tick of a site or a link, from physics. Pure and deterministic: same inputs, same values.
 * Values are in the catalogue's base units (W, J, °C, s, ratios 0–1).
 */

/** What the simulator needs of a site (a `Site` or `SiteInput` fits). */
export interface SimSite {
  id: string;
  lat: number;
  lon: number;
  /** ISO country code: picks the grid's low-carbon share when the caller does not pass one. */
  country?: string;
  status: SiteStatus;
  itCapacityMw: number;
  designPue: number;
  onSiteSolarMw: number;
  gridCarbonGPerKwh: number;
  clusters: readonly ClusterPower[];
  /** Inferred from the design PUE when absent (≤ 1.25 → liquid). */
  cooling?: Cooling;
}

export interface SiteSimOptions {
  /** Demand on the site's GPUs, 0–1 (from the workloads placed on it). */
  utilisation: number;
  faults?: readonly Fault[];
  seed: Seed;
  /** Grid low-carbon share, 0–1; defaults to GRID_MIX[site.country], else 0. */
  gridLowCarbonShare?: number;
  /** Length of the sample window (the tick) in ms, for energy and error counts. Default 5 s. */
  windowMs?: number;
}

export interface SiteSnapshot {
  /** Status as observed: `offline` when down, `degraded` during a cooling failure. */
  status: SiteStatus;
  /** Empty for sites not in service (planned, construction). */
  values: SiteValues;
}

export const DEFAULT_WINDOW_MS = 5_000;
/** Share of GPUs in service by status; maintenance also caps the load. */
const AVAILABILITY: Partial<Record<SiteStatus, number>> = { operational: 1, degraded: 0.8, maintenance: 0.5 };
export const MAINTENANCE_MAX_UTILISATION = 0.1;

export function simulateSite(site: SimSite, atMs: number, options: SiteSimOptions): SiteSnapshot {
  if (site.status === 'planned' || site.status === 'construction') return { status: site.status, values: {} };
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const faults = siteFaults(options.faults ?? [], site.id, atMs);
  const next = rng(options.seed, site.id, atMs, 'site');

  const ambientC = ambientTemperatureC(site.lat, site.lon, atMs, { seed: options.seed, key: site.id });
  const solarKw = siteSolarKw(site, atMs);
  if (site.status === 'offline' || faults.some((f) => f.kind === 'site-down')) {
    const dark = applySiteDown({ site_ambient_temperature_celsius: ambientC, site_solar_power_watts: solarKw * 1000 });
    return { status: 'offline', values: dark };
  }

  const availability = AVAILABILITY[site.status] ?? 1;
  const demand = clamp(Number.isFinite(options.utilisation) ? options.utilisation : 0, 0, 1);
  const u = site.status === 'maintenance' ? Math.min(demand, MAINTENANCE_MAX_UTILISATION) : demand;
  const totalGpus = site.clusters.reduce((n, c) => n + c.gpuCount, 0);
  const gpusInService = Math.round(totalGpus * availability);
  const busy = Math.round(gpusInService * u);

  const cooling = site.cooling ?? inferCooling(site.designPue);
  const coolingEffect = siteCoolingEffect(faults, atMs);
  const inletC = inletTemperatureC(ambientC, cooling, coolingEffect.inletRiseC);

  // ±0.5 % of measurement and workload noise on the IT draw.
  const itKw = itPowerKw({ clusters: site.clusters, itCapacityMw: site.itCapacityMw, utilisation: u, availability }) * (1 + 0.005 * gaussian(next));
  // Cooling is built out with the halls: part load is measured against the installed IT, not the site's capacity.
  const builtKw = Math.min(installedItKw(site.clusters), site.itCapacityMw * 1000);
  const pueValue = pue({
    designPue: site.designPue,
    ambientC,
    referenceAmbientC: annualMeanC(site.lat),
    load: builtKw > 0 ? itKw / builtKw : 0,
    cooling,
    overheadFactor: coolingEffect.overheadFactor,
  });
  // Exactly IT × PUE in the unit reported (watts), so a reader can check one against the other.
  const itW = itKw * 1000;
  const facilityW = facilityPowerKw(itW, pueValue);
  const facilityKw = facilityW / 1000;
  const mix = energyMix({
    facilityKw,
    solarKw,
    gridLowCarbonShare: options.gridLowCarbonShare ?? gridLowCarbonShare(site.country),
    gridCarbonGPerKwh: site.gridCarbonGPerKwh,
  });
  const seconds = windowMs / 1000;

  const values: SiteValues = {
    site_it_power_watts: itW,
    site_facility_power_watts: facilityW,
    gpu_power_watts: itW * GPU_BOARD_SHARE,
    site_it_energy_joules_total: itW * seconds,
    site_facility_energy_joules_total: facilityW * seconds,
    site_ambient_temperature_celsius: ambientC,
    site_inlet_temperature_celsius: inletC,
    site_solar_power_watts: solarKw * 1000,
    site_gpus_busy: busy,
    site_gpus_free: gpusInService - busy,
    site_availability_ratio: availability,
    gpu_sm_active_ratio: smActiveRatio(u, next),
  };
  if (itKw > 0) values.site_pue_ratio = pueValue;
  if (mix) {
    values.site_renewable_share_ratio = mix.renewableShare;
    values.site_carbon_intensity_grams_per_kilowatt_hour = mix.carbonIntensity;
  }
  if (gpusInService > 0) {
    const temps = gpuTemperatures({ inletC, utilisation: u, cooling, next });
    values.gpu_temperature_mean_celsius = temps.meanC;
    values.gpu_temperature_max_celsius = temps.maxC;
    values.gpu_xid_errors_total = xidErrorCount({ gpus: gpusInService, maxC: temps.maxC, windowMs, next: rng(options.seed, site.id, atMs, 'xid') });
  } else {
    values.gpu_xid_errors_total = 0;
  }
  const status: SiteStatus = faults.some((f) => f.kind === 'cooling-failure') && site.status === 'operational' ? 'degraded' : site.status;
  return { status, values };
}

export interface LinkSimOptions {
  faults?: readonly Fault[];
  seed: Seed;
}

export interface LinkSnapshot {
  /** False when a cut leaves the ends unable to reach each other. */
  reachable: boolean;
  values: LinkValues;
}

export function simulateLink(link: SimLink, atMs: number, options: LinkSimOptions): LinkSnapshot {
  const healthy = linkValues(link, atMs, options.seed);
  const cut = linkFault(options.faults ?? [], link.id, atMs);
  if (!cut) return { reachable: true, values: healthy };
  return { reachable: cut.mode !== 'unreachable', values: applyCableCut(healthy, cut, rng(options.seed, link.id, atMs, 'cut')) };
}

/** Samples for the catalogue, in catalogue order: `{ metric, siteId | linkId, at, value }`. */
export function toSamples(target: { siteId: string } | { linkId: string }, atMs: number, values: SiteValues | LinkValues): Sample[] {
  const names: readonly string[] = 'siteId' in target ? SITE_METRICS : LINK_METRICS;
  const all = values as Record<string, number | undefined>;
  return names.flatMap((metric) => {
    const value = all[metric];
    return value === undefined ? [] : [{ metric, ...target, at: atMs, value } as Sample];
  });
}
