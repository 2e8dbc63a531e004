import type { Cooling } from './power.ts';
import { clamp, gaussian, poisson } from './random.ts';

/**
 * The GPUs' side: supply (inlet) temperature, die temperatures, SM activity and XID errors.
 */

/** Sites with a design PUE at or below this are taken as liquid-cooled AI halls (FACTS.md: 1.1–1.25). */
export const LIQUID_COOLING_MAX_DESIGN_PUE = 1.25;
/** Board power as a share of the per-GPU draw (the rest is the GPU's share of its host). */
export const GPU_BOARD_SHARE = 0.65;
/** XID errors per GPU per hour on a healthy, cool fleet. */
export const XID_RATE_PER_GPU_HOUR = 1e-4;
/** GPUs throttle rather than exceed these (°C). */
const THROTTLE_MEAN_C = 92;
const THROTTLE_MAX_C = 98;

export function inferCooling(designPue: number): Cooling {
  return designPue <= LIQUID_COOLING_MAX_DESIGN_PUE ? 'liquid' : 'air';
}

/**
 * Supply temperature at the IT equipment in °C. Air: economised supply air tracking the outdoors
 * above 18 °C, held at most at 27 °C (ASHRAE recommended) by mechanical cooling. Liquid: warm-water
 * supply from dry coolers, clamped to 20–30 °C. `riseC` adds a cooling fault's excess.
 */
export function inletTemperatureC(ambientC: number, cooling: Cooling, riseC = 0): number {
  const base = cooling === 'air' ? Math.min(27, 20 + 0.3 * Math.max(0, ambientC - 18)) : clamp(20 + 0.3 * Math.max(0, ambientC - 15), 20, 30);
  return base + riseC;
}

export interface GpuTemperatures {
  meanC: number;
  maxC: number;
}

/**
 * Die temperatures: inlet plus an idle rise and a load rise (air 12 + 45·u °C, liquid 8 + 30·u °C);
 * the hottest GPU runs 3 + 5·u °C above the mean plus a little spread. Capped by thermal throttling.
 */
export function gpuTemperatures(input: { inletC: number; utilisation: number; cooling: Cooling; next: () => number }): GpuTemperatures {
  const u = clamp(input.utilisation, 0, 1);
  const rise = input.cooling === 'air' ? 12 + 45 * u : 8 + 30 * u;
  const meanC = Math.min(THROTTLE_MEAN_C, input.inletC + rise + 0.4 * gaussian(input.next));
  const maxC = Math.min(THROTTLE_MAX_C, meanC + 3 + 5 * u + 1.5 * Math.abs(gaussian(input.next)));
  return { meanC, maxC };
}

/** Mean SM-active ratio: busy GPUs keep their SMs active ~78–86 % of the time, idle ones ~0. */
export function smActiveRatio(utilisation: number, next: () => number): number {
  const u = clamp(utilisation, 0, 1);
  return clamp(u * (0.82 + 0.04 * (2 * next() - 1)), 0, 1);
}

/**
 * XID errors in a window: Poisson with mean = GPUs × rate × hours, the rate growing e-fold every
 * 6 °C the hottest GPU runs above 80 °C (thermal stress).
 */
export function xidErrorCount(input: { gpus: number; maxC: number; windowMs: number; next: () => number }): number {
  const stress = Math.exp(Math.max(0, input.maxC - 80) / 6);
  const mean = Math.max(0, input.gpus) * XID_RATE_PER_GPU_HOUR * (input.windowMs / 3_600_000) * stress;
  return poisson(mean, input.next);
}
