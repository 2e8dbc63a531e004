import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { formatTag, translate } from '../../../lib/i18n/runtime.ts';

/** The time ranges a site's charts offer. */
export const CHART_RANGES = ['1h', '24h', '7d'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const DEFAULT_CHART_RANGE: ChartRange = '1h';

interface RangeSpec {
  /** "1 h", "7 j", "7 أيام": in the language in force, read each time it is shown. */
  readonly label: string;
  rangeMs: number;
  /** Width of one chart point: a few hundred points whatever the range. */
  stepMs: number;
  /** Only the last hour follows the stream point by point (the live tail). */
  liveTail: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function range(labelKey: MessageKey, spec: Omit<RangeSpec, 'label'>): RangeSpec {
  return {
    ...spec,
    get label() {
      return translate(labelKey);
    },
  };
}

export const RANGE_SPECS: Record<ChartRange, RangeSpec> = {
  '1h': range('live.range.1h', { rangeMs: HOUR, stepMs: 15_000, liveTail: true }),
  '24h': range('live.range.24h', { rangeMs: 24 * HOUR, stepMs: 5 * MINUTE, liveTail: false }),
  '7d': range('live.range.7d', { rangeMs: 7 * 24 * HOUR, stepMs: HOUR, liveTail: false }),
};

export const isChartRange = (value: string | null | undefined): value is ChartRange => (CHART_RANGES as readonly string[]).includes(value ?? '');

/**
 * The series query for a range ending now: `to` is the end of the current step (so the newest bucket
 * is included), `from` one range earlier; both aligned to the step as the server aligns its buckets.
 */
export function rangeQuery(range: ChartRange, nowMs: number): { from: number; to: number; step: number } {
  const { rangeMs, stepMs } = RANGE_SPECS[range];
  const to = Math.floor(nowMs / stepMs) * stepMs + stepMs;
  return { from: to - rangeMs, to, step: stepMs };
}

const TICK_EVERY: Record<ChartRange, { hours?: number; minutes?: number; days?: number }> = {
  '1h': { minutes: 15 },
  '24h': { hours: 6 },
  '7d': { days: 1 },
};

/**
 * X-axis ticks on round local times within [from, to]: every 15 min for an hour, 00/06/12/18 h for a
 * day, local midnights for a week.
 */
export function timeTicks(range: ChartRange, [from, to]: readonly [number, number]): number[] {
  const every = TICK_EVERY[range];
  const d = new Date(from);
  d.setSeconds(0, 0);
  if (every.minutes) d.setMinutes(Math.ceil(d.getMinutes() / every.minutes) * every.minutes);
  else if (every.hours) d.setHours(Math.ceil((d.getHours() + (d.getMinutes() > 0 ? 1 : 0)) / every.hours) * every.hours, 0);
  else d.setHours(d.getHours() > 0 || d.getMinutes() > 0 ? 24 : 0, 0);
  const ticks: number[] = [];
  while (d.getTime() <= to && ticks.length < 50) {
    if (d.getTime() >= from) ticks.push(d.getTime());
    if (every.minutes) d.setMinutes(d.getMinutes() + every.minutes);
    else if (every.hours) d.setHours(d.getHours() + every.hours);
    else d.setDate(d.getDate() + 1);
  }
  return ticks;
}

const TICK_OPTIONS: Record<ChartRange, Intl.DateTimeFormatOptions> = {
  '1h': { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  '24h': { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  '7d': { weekday: 'short', day: 'numeric' },
};
const FULL_TIME: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };

/** Formats by language (a chart formats hundreds of ticks and points: one formatter each, not one per call). */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = formatTag();
  let format = formats.get(`${tag}|${name}`);
  if (!format) formats.set(`${tag}|${name}`, (format = new Intl.DateTimeFormat(tag, options)));
  return format;
}

/** An x-axis tick in the viewer's local time, in the language in force. */
export const formatTick = (range: ChartRange, t: number): string => dateFormat(range, TICK_OPTIONS[range]).format(t);

/** A tooltip's time: the bucket start in local time, with the date. */
export const formatPointTime = (t: number): string => dateFormat('full', FULL_TIME).format(t);
