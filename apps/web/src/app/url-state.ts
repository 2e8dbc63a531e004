import { LIMITS, type SiteStatus } from '@corridor/shared';
import { DEFAULT_CHART_RANGE, isChartRange, type ChartRange } from '../features/live/model/chart-range.ts';
import { isSiteStatus } from '../lib/site-status.ts';

/** Which Morocco boundary the basemap draws: the official one (with its southern provinces) or the alternative. */
export type BoundaryMode = 'official' | 'alt';

/** Everything the URL carries: selection, filters, map options. Reload and back restore it. */
export interface UrlState {
  site?: string;
  country?: string;
  status?: SiteStatus;
  operator?: string;
  q?: string;
  boundary: BoundaryMode;
  /** Size of the synthetic fleet that replaces the real one (?synthetic=5000). */
  synthetic?: number;
  /** Range of the site panel's charts (?range=24h); 1 h when absent. */
  range: ChartRange;
}

export const MAX_SYNTHETIC_SITES = 50_000;
const OWN_KEYS = ['site', 'country', 'status', 'operator', 'q', 'boundary', 'synthetic', 'range'] as const;

const clean = (value: string | null, maxLength = 64): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, maxLength) : undefined;
};

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const status = clean(params.get('status'));
  const synthetic = Number.parseInt(params.get('synthetic') ?? '', 10);
  return {
    site: clean(params.get('site')),
    country: clean(params.get('country'))?.toUpperCase(),
    status: status && isSiteStatus(status) ? status : undefined,
    operator: clean(params.get('operator')),
    q: clean(params.get('q'), LIMITS.maxSearchLength),
    boundary: params.get('boundary') === 'alt' ? 'alt' : 'official',
    synthetic: Number.isFinite(synthetic) && synthetic > 0 ? Math.min(synthetic, MAX_SYNTHETIC_SITES) : undefined,
    range: isChartRange(params.get('range')) ? (params.get('range') as ChartRange) : DEFAULT_CHART_RANGE,
  };
}

/** The query string for a state; parameters the console does not own (e.g. debug) are kept. */
export function serializeUrlState(state: UrlState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  for (const key of OWN_KEYS) params.delete(key);
  const entries: [string, string | undefined][] = [
    ['site', state.site],
    ['country', state.country],
    ['status', state.status],
    ['operator', state.operator],
    ['q', state.q],
    ['boundary', state.boundary === 'alt' ? 'alt' : undefined],
    ['synthetic', state.synthetic ? String(state.synthetic) : undefined],
    ['range', state.range !== DEFAULT_CHART_RANGE ? state.range : undefined],
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
