import { clamp } from './random.ts';

/**
 * Electrical side of a site: IT power from its GPUs, PUE around the design figure, facility power,
 * and the energy mix (on-site solar, grid low-carbon share, carbon intensity).
 */

export type Cooling = 'air' | 'liquid';

/** Share of a GPU's full draw (with its host share) it takes when idle. */
export const IDLE_FRACTION = 0.25;
/** The design PUE is taken as the figure at this IT load (share of the installed IT) … */
export const PUE_REFERENCE_LOAD = 0.7;
/**
 * … and at the site's annual mean outdoor temperature (the design PUE is an annualised figure, so a
 * hot-climate site's design PUE already prices in its climate); 18 °C when the caller gives none.
 */
export const PUE_REFERENCE_AMBIENT_C = 18;
/** Share of the non-IT overhead that does not scale with IT load (UPS and transformer losses, lighting, pumps). */
const FIXED_OVERHEAD_SHARE = 0.3;
/** Overhead growth per °C above the reference: air-cooled halls are twice as sensitive as liquid-cooled. */
const TEMP_SENSITIVITY: Record<Cooling, number> = { air: 0.03, liquid: 0.015 };
/** Best PUE the model allows (a perfect, free-cooled hall still has conversion losses). */
export const MIN_PUE = 1.03;
const MAX_PUE = 20;

export interface ClusterPower {
  gpuCount: number;
  /** kW per GPU at full load, its host share included. */
  kwPerGpu: number;
}

/** Full-load IT draw of the installed GPUs, in kW. */
export function installedItKw(clusters: readonly ClusterPower[]): number {
  return clusters.reduce((sum, c) => sum + c.gpuCount * c.kwPerGpu, 0);
}

/**
 * IT power in kW: each GPU in service draws kwPerGpu × (idle + (1 − idle) × utilisation); GPUs out of
 * service (1 − availability) draw nothing. Capped at the site's IT capacity.
 */
export function itPowerKw(input: { clusters: readonly ClusterPower[]; itCapacityMw: number; utilisation: number; availability?: number }): number {
  const u = clamp(input.utilisation, 0, 1);
  const a = clamp(input.availability ?? 1, 0, 1);
  const draw = installedItKw(input.clusters) * a * (IDLE_FRACTION + (1 - IDLE_FRACTION) * u);
  return Math.min(draw, input.itCapacityMw * 1000);
}

export interface PueInput {
  designPue: number;
  ambientC: number;
  /** IT power as a share of the installed IT (part load raises PUE). */
  load: number;
  /** Outdoor temperature at which the design PUE holds (the site's annual mean); default 18 °C. */
  referenceAmbientC?: number;
  cooling: Cooling;
  /** Extra multiplier on the cooling overhead (1 = healthy; a cooling failure raises it). */
  overheadFactor?: number;
}

/**
 * PUE = 1 + overhead ÷ IT. The overhead at the reference point is designPue − 1; 30 % of it is fixed
 * and does not shrink with load, so its share of IT grows as load falls (part-load penalty); all of it
 * grows with the outdoor temperature above the reference (3 %/°C air, 1.5 %/°C liquid) and shrinks
 * below it (free cooling, 1.2 %/°C, down to 75 %). Never below 1.03.
 */
export function pue(input: PueInput): number {
  const overhead = Math.max(0, input.designPue - 1);
  const load = clamp(input.load, 0.05, 1);
  const loadFactor = (FIXED_OVERHEAD_SHARE * PUE_REFERENCE_LOAD) / load + (1 - FIXED_OVERHEAD_SHARE);
  const dt = input.ambientC - (input.referenceAmbientC ?? PUE_REFERENCE_AMBIENT_C);
  const tempFactor = dt >= 0 ? 1 + TEMP_SENSITIVITY[input.cooling] * dt : Math.max(0.75, 1 + 0.012 * dt);
  return clamp(1 + overhead * loadFactor * tempFactor * (input.overheadFactor ?? 1), MIN_PUE, MAX_PUE);
}

/** Facility power: exactly IT × PUE (in the unit of the IT power given). */
export function facilityPowerKw(itKw: number, pueValue: number): number {
  return itKw * pueValue;
}

export interface GridMix {
  /** Low-carbon (renewable + nuclear) share of grid electricity, 0–1. */
  lowCarbonShare: number;
  /** Grid carbon intensity in gCO2/kWh, for reference (sites carry their own figure). */
  gCO2PerKwh?: number;
  note: string;
}

/** Grid figures per country from /work/shared/FACTS.md ("Energy (grid, recent years)"). */
export const GRID_MIX: Readonly<Record<string, GridMix>> = {
  MA: { lowCarbonShare: 0.26, gCO2PerKwh: 551, note: '~26% low-carbon (wind ~21%)' },
  ES: { lowCarbonShare: 0.56, gCO2PerKwh: 128, note: '~56% renewable; 115–140 gCO2/kWh' },
  FR: { lowCarbonShare: 0.95, gCO2PerKwh: 21, note: '~95% low-carbon (nuclear ~67%)' },
  US: { lowCarbonShare: 0.42, gCO2PerKwh: 345, note: '~42% low-carbon (Virginia similar)' },
  NG: { lowCarbonShare: 0.2, gCO2PerKwh: 480, note: 'unverified: FACTS.md says "mostly gas"; 0.2 is an estimate (hydro)' },
  GH: { lowCarbonShare: 0.38, gCO2PerKwh: 390, note: '~38% hydro; 310–470 gCO2/kWh' },
  CI: { lowCarbonShare: 0.31, gCO2PerKwh: 347, note: '~31% hydro' },
  SN: { lowCarbonShare: 0.15, note: 'unverified: FACTS.md gives no figure; 0.15 is an estimate' },
};

/** The grid's low-carbon share for a country; 0 (all fossil, the conservative choice) when unknown. */
export function gridLowCarbonShare(country: string | undefined): number {
  return (country !== undefined && GRID_MIX[country]?.lowCarbonShare) || 0;
}

export interface EnergyMix {
  /** On-site solar consumed by the facility (any surplus is exported and not counted). */
  solarUsedKw: number;
  gridKw: number;
  /** Share of facility power from on-site solar, 0–1. */
  solarShare: number;
  /** (solar used + grid low-carbon share × grid draw) ÷ facility, 0–1. */
  renewableShare: number;
  /** gCO2/kWh of the facility's draw: grid figure × grid share of it; solar counts as zero. */
  carbonIntensity: number;
}

/** The energy mix of a facility drawing `facilityKw`; undefined when it draws nothing. */
export function energyMix(input: { facilityKw: number; solarKw: number; gridLowCarbonShare: number; gridCarbonGPerKwh: number }): EnergyMix | undefined {
  if (!(input.facilityKw > 0)) return undefined;
  const solarUsedKw = clamp(input.solarKw, 0, input.facilityKw);
  const gridKw = input.facilityKw - solarUsedKw;
  const lowCarbon = clamp(input.gridLowCarbonShare, 0, 1);
  return {
    solarUsedKw,
    gridKw,
    solarShare: solarUsedKw / input.facilityKw,
    renewableShare: clamp((solarUsedKw + lowCarbon * gridKw) / input.facilityKw, 0, 1),
    carbonIntensity: input.gridCarbonGPerKwh * (gridKw / input.facilityKw),
  };
}
