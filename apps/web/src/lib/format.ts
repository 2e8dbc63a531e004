/**
 * Number and date formatting in the console's language, with units: every figure the console shows carries
 * its unit. Unit symbols (MW, kW, ms, km, °C, %) are SI symbols and read the same in every language; the
 * numbers around them follow the language ("1,234.5 kW", "1 234,5 kW", Moroccan Arabic with Latin digits).
 */
import { formatTag, translate } from './i18n/runtime.ts';

const cached = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numbers(maximumFractionDigits: number, minimumFractionDigits = 0): Intl.NumberFormat {
  const tag = formatTag();
  const key = `n|${tag}|${maximumFractionDigits}|${minimumFractionDigits}`;
  let format = cached.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits, minimumFractionDigits });
    cached.set(key, format);
  }
  return format;
}
function dates(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = formatTag();
  const key = `d|${tag}|${name}`;
  let format = cached.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(tag, options);
    cached.set(key, format);
  }
  return format;
}

const int = (n: number) => numbers(0).format(n);
const oneDecimal = (n: number) => numbers(1).format(n);

export const formatCount = (n: number): string => int(n);

/** A number in the console's language with the given decimals, for figures whose unit is said elsewhere. */
export const formatNumber = (n: number, maximumFractionDigits = 0, minimumFractionDigits = 0): string => numbers(maximumFractionDigits, minimumFractionDigits).format(n);

/** "7.5 MW", "120 MW". */
export const formatMw = (mw: number): string => `${oneDecimal(mw)} MW`;

/** "8,500 GPUs", "1 GPU" (the plural is the language's). */
export const formatGpus = (n: number): string => translate('common.unit.gpus', { count: n });

export const formatKm = (km: number): string => `${int(km)} km`;

/** RTT keeps one decimal below 10 ms, where it matters. */
export const formatMs = (ms: number): string => `${(ms < 10 ? oneDecimal : int)(ms)} ms`;

export const formatKwPerGpu = (kw: number): string => `${numbers(2).format(kw)} kW/GPU`;

export const formatCarbon = (gPerKwh: number): string => `${int(gPerKwh)} gCO₂/kWh`;

/** "$0.107/kWh" (the dollar sign where the language puts it). */
export const formatPrice = (usdPerKwh: number): string => translate('common.unit.usdPerKwh', { price: numbers(3, 2).format(usdPerKwh) });

export const formatPue = (pue: number): string => numbers(2, 2).format(pue);

export const formatArea = (m2: number): string => `${int(m2)} m²`;

/** "30 June 2027" from an ISO date, read in UTC so the day never shifts. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return dates('date', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "6,153 kW". */
export const formatKw = (kw: number): string => `${int(kw)} kW`;

/** A 0–1 ratio as a percentage: "37 %" (one decimal under 10 %, where it matters). */
export const formatPercent = (ratio: number): string => {
  const pct = ratio * 100;
  return `${(Math.abs(pct) < 10 && pct !== 0 ? oneDecimal : int)(pct)} %`;
};

/** Packet loss, a 0–1 ratio: "0.04 %" — two decimals under 10 %, where small losses matter. */
export const formatLoss = (ratio: number): string => `${numbers(ratio < 0.1 ? 2 : 1, ratio < 0.1 ? 2 : 1).format(ratio * 100)} %`;

export const formatCelsius = (c: number): string => `${oneDecimal(c)} °C`;

/** Clock time in the viewer's zone, 24-hour as NOCs read it: "14:03:22". */
export const formatClock = (epochMs: number): string => dates('clock', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(epochMs);

/** "22 Nov, 23:51:02" in the viewer's zone; the text as given when it is no date. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dates('dateTime', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}
