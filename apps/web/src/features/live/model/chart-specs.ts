import { METRICS, type MetricName } from '@corridor/shared';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import type { ChartRow } from './chart-rows.ts';

export type AxisSide = 'left' | 'right';

/** One line of a chart: a metric in its display unit. */
export interface ChartLine {
  metric: MetricName;
  /** In the language in force, read each time it is shown. */
  readonly label: string;
  colour: string;
  axis: AxisSide;
  /** Dashed or dotted: two lines of one chart differ by their pattern too, not by colour alone. */
  pattern?: 'dashed' | 'dotted';
}

/** One chart of a site's or link's panel: its title (the chart's accessible name starts with it) and its lines. */
export interface ChartSpec {
  id: string;
  /** In the language in force, read each time it is shown. */
  readonly title: string;
  lines: ChartLine[];
  /** Unit of each axis used, as the axis label and every tooltip value show it ('' for PUE). */
  units: Partial<Record<AxisSide, string>>;
  /** Decimals on the axis ticks and in the tooltip. */
  decimals: Partial<Record<AxisSide, number>>;
  /** Smallest span an axis shows, in display units: a flat line stays flat instead of filling the height with noise. */
  minSpan: Partial<Record<AxisSide, number>>;
}

/** The unit the console shows for a metric (gCO₂/kWh with its subscript). */
export function displayUnit(metric: MetricName): string {
  return METRICS[metric].displayUnit.replace('CO2', 'CO₂');
}

/** A line whose label is read in the language in force whenever it is shown (never frozen at module load). */
function line(labelKey: MessageKey, rest: Omit<ChartLine, 'label'>): ChartLine {
  return {
    ...rest,
    get label() {
      return translate(labelKey);
    },
  };
}

function chart(titleKey: MessageKey, rest: Omit<ChartSpec, 'title'>): ChartSpec {
  return {
    ...rest,
    get title() {
      return translate(titleKey);
    },
  };
}

export const SITE_CHARTS: readonly ChartSpec[] = [
  chart('live.chart.power.title', {
    id: 'power',
    lines: [
      line('live.line.facilityPower', { metric: 'site_facility_power_watts', colour: '#4fb3ff', axis: 'left' }),
      line('live.line.itPower', { metric: 'site_it_power_watts', colour: '#2ecc71', axis: 'left', pattern: 'dashed' }),
    ],
    units: { left: 'kW' },
    decimals: { left: 0 },
    minSpan: { left: 100 },
  }),
  chart('live.chart.pue.title', {
    id: 'pue',
    lines: [line('live.line.pue', { metric: 'site_pue_ratio', colour: '#f5a524', axis: 'left' })],
    units: { left: '' },
    decimals: { left: 2 },
    minSpan: { left: 0.1 },
  }),
  chart('live.chart.gpu.title', {
    id: 'gpu',
    lines: [
      line('live.line.smActive', { metric: 'gpu_sm_active_ratio', colour: '#a78bfa', axis: 'left', pattern: 'dotted' }),
      line('live.line.temperatureMean', { metric: 'gpu_temperature_mean_celsius', colour: '#fb923c', axis: 'right' }),
      line('live.line.temperatureMax', { metric: 'gpu_temperature_max_celsius', colour: '#ef4444', axis: 'right', pattern: 'dashed' }),
    ],
    units: { left: '%', right: '°C' },
    decimals: { left: 0, right: 0 },
    minSpan: { left: 10, right: 5 },
  }),
  chart('live.chart.energy.title', {
    id: 'energy',
    lines: [
      line('live.line.renewable', { metric: 'site_renewable_share_ratio', colour: '#2dd4bf', axis: 'left' }),
      line('live.line.carbon', { metric: 'site_carbon_intensity_grams_per_kilowatt_hour', colour: '#9aa5b1', axis: 'right', pattern: 'dashed' }),
    ],
    units: { left: '%', right: 'gCO₂/kWh' },
    decimals: { left: 0, right: 0 },
    minSpan: { left: 10, right: 20 },
  }),
];

/** A link's (cable's) charts: round-trip time, and loss beside utilisation. */
export const LINK_CHARTS: readonly ChartSpec[] = [
  chart('live.chart.rtt.title', {
    id: 'rtt',
    lines: [line('live.line.rtt', { metric: 'link_rtt_seconds', colour: '#4fb3ff', axis: 'left' })],
    units: { left: 'ms' },
    decimals: { left: 1 },
    minSpan: { left: 2 },
  }),
  chart('live.chart.traffic.title', {
    id: 'traffic',
    lines: [
      line('live.line.loss', { metric: 'link_loss_ratio', colour: '#ef4444', axis: 'left' }),
      line('live.line.utilisation', { metric: 'link_utilization_ratio', colour: '#2dd4bf', axis: 'right', pattern: 'dashed' }),
    ],
    units: { left: '%', right: '%' },
    decimals: { left: 1, right: 0 },
    minSpan: { left: 1, right: 10 },
  }),
];

/** Every metric some charts draw, once each. */
export const chartMetrics = (charts: readonly ChartSpec[]): MetricName[] => [...new Set(charts.flatMap((c) => c.lines.map((l) => l.metric)))];

/** What one chart draws: its spec, its rows in display units, and its x domain (epoch ms). */
export interface ChartData {
  spec: ChartSpec;
  rows: ChartRow[];
  domain: [number, number];
}

/**
 * An axis domain around the data, at least `minSpan` wide, centred on it, and not below 0 when the
 * data is not (a percentage axis does not dip under 0 %).
 */
export function paddedDomain(dataMin: number, dataMax: number, minSpan: number): [number, number] {
  if (!Number.isFinite(dataMin) || !Number.isFinite(dataMax)) return [0, minSpan || 1];
  const span = Math.max(dataMax - dataMin, minSpan);
  let low = (dataMin + dataMax) / 2 - span / 2;
  if (dataMin >= 0 && low < 0) low = 0;
  return [low, low + span];
}

/** A round step at or above `rough`: 1, 2 or 5 × 10ⁿ (ticks then need no more decimals than the step). */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const unit = rough / power;
  const EPS = 1e-9;
  return (unit <= 1 + EPS ? 1 : unit <= 2 + EPS ? 2 : unit <= 5 + EPS ? 5 : 10) * power;
}

/**
 * The y scale of one axis: the padded data range widened to round ticks (two to four intervals), so the
 * axis reads 3,500 · 4,000 · 4,500 rather than 3,540 · 3,890 · 4,813.
 */
export function axisScale(rows: readonly ChartRow[], keys: readonly string[], minSpan: number): { domain: [number, number]; ticks: number[] } {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    for (const key of keys) {
      const v = row[key];
      if (v === undefined) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const [low, high] = paddedDomain(min, max, minSpan);
  const step = niceStep((high - low) / 4 || 1);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}
