import { ENERGY_PERIODS, type EnergyPeriod } from '@corridor/shared';
import { isChoroplethMetric, type ChoroplethMetric } from './choropleth.ts';

/** How the ledger table is grouped: countries with their sites, blocs, or every site in one list. */
export const TABLE_GROUPINGS = ['country', 'bloc', 'site'] as const;
export type TableGrouping = (typeof TABLE_GROUPINGS)[number];

/** The capacity view's own deep-link parameters (?view=capacity&by=country&metric=free&n1=<site>&period=month). */
export interface CapacityParams {
  by: TableGrouping;
  metric: ChoroplethMetric;
  /** The site the N-1 analysis loses; the largest when absent. */
  n1?: string;
  period: EnergyPeriod;
}

const PARAM_KEYS = ['by', 'metric', 'n1', 'period'] as const;

export function parseCapacityParams(search: string): CapacityParams {
  const params = new URLSearchParams(search);
  const by = params.get('by');
  const metric = params.get('metric');
  const period = params.get('period');
  const n1 = params.get('n1')?.trim().slice(0, 100);
  return {
    by: (TABLE_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as TableGrouping) : 'country',
    metric: isChoroplethMetric(metric) ? metric : 'installed',
    n1: n1 || undefined,
    period: period !== null && period in ENERGY_PERIODS ? (period as EnergyPeriod) : 'month',
  };
}

/** The query string with these parameters set (defaults left out); every other parameter is kept. */
export function withCapacityParams(search: string, next: CapacityParams): string {
  const params = new URLSearchParams(search);
  for (const key of PARAM_KEYS) params.delete(key);
  if (next.by !== 'country') params.set('by', next.by);
  if (next.metric !== 'installed') params.set('metric', next.metric);
  if (next.n1) params.set('n1', next.n1);
  if (next.period !== 'month') params.set('period', next.period);
  const text = params.toString();
  return text ? `?${text}` : '';
}
