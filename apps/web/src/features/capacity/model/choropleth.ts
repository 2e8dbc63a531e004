import type { CapacityLedgerRow } from '@corridor/shared';

/** What the choropleth shades countries by (MW). */
export const CHOROPLETH_METRICS = ['installed', 'free', 'pipeline'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];
export const isChoroplethMetric = (v: unknown): v is ChoroplethMetric => typeof v === 'string' && (CHOROPLETH_METRICS as readonly string[]).includes(v);

/** world-atlas ids (ISO 3166-1 numeric) of the jurisdictions the fleet can stand in. */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  MA: '504',
  ES: '724',
  FR: '250',
  PT: '620',
  US: '840',
  SN: '686',
  CI: '384',
  GH: '288',
  NG: '566',
  TN: '788',
  TG: '768',
  BJ: '204',
  MR: '478',
};

/** How many shades the legend has: few enough to tell apart, each with its range in MW. */
export const CHOROPLETH_CLASSES = 5;

export interface ChoroplethClass {
  /** 1 … CHOROPLETH_CLASSES (0 is "none": no MW of this kind). */
  index: number;
  fromMw: number;
  toMw: number;
}

/** Equal-width classes from 0 to the largest country's value (a ledger has a handful of countries). */
export function choroplethClasses(maxMw: number): ChoroplethClass[] {
  if (!(maxMw > 0)) return [];
  const step = maxMw / CHOROPLETH_CLASSES;
  return Array.from({ length: CHOROPLETH_CLASSES }, (_, i) => ({ index: i + 1, fromMw: i * step, toMw: (i + 1) * step }));
}

/** The class of a value: 0 for none (≤ 0), else 1 … CHOROPLETH_CLASSES. */
export function classOf(valueMw: number, maxMw: number): number {
  if (!(valueMw > 0) || !(maxMw > 0)) return 0;
  return Math.min(CHOROPLETH_CLASSES, Math.max(1, Math.ceil((valueMw / maxMw) * CHOROPLETH_CLASSES)));
}

/** A country row's MW for the metric (free may be negative if the fleet shrank: shown as none). */
export const metricMw = (row: CapacityLedgerRow, metric: ChoroplethMetric): number => row.mw[metric];
