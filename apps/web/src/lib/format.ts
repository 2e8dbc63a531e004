/** Number formatting with units: every figure the console shows carries its unit. */
const en = (maximumFractionDigits: number, minimumFractionDigits = 0) => new Intl.NumberFormat('en-US', { maximumFractionDigits, minimumFractionDigits });

const int = en(0);
const oneDecimal = en(1);

export const formatCount = (n: number): string => int.format(n);

/** "7.5 MW", "120 MW". */
export const formatMw = (mw: number): string => `${oneDecimal.format(mw)} MW`;

export const formatGpus = (n: number): string => `${int.format(n)} GPU${n === 1 ? '' : 's'}`;

export const formatKm = (km: number): string => `${int.format(km)} km`;

/** RTT keeps one decimal below 10 ms, where it matters. */
export const formatMs = (ms: number): string => `${(ms < 10 ? oneDecimal : int).format(ms)} ms`;

export const formatKwPerGpu = (kw: number): string => `${en(2).format(kw)} kW/GPU`;

export const formatCarbon = (gPerKwh: number): string => `${int.format(gPerKwh)} gCO₂/kWh`;

export const formatPrice = (usdPerKwh: number): string => `$${en(3, 2).format(usdPerKwh)}/kWh`;

export const formatPue = (pue: number): string => en(2, 2).format(pue);

export const formatArea = (m2: number): string => `${int.format(m2)} m²`;

/** "30 June 2027" from an ISO date, read in UTC so the day never shifts. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "6,153 kW". */
export const formatKw = (kw: number): string => `${int.format(kw)} kW`;

/** A 0–1 ratio as a percentage: "37 %" (one decimal under 10 %, where it matters). */
export const formatPercent = (ratio: number): string => {
  const pct = ratio * 100;
  return `${(Math.abs(pct) < 10 && pct !== 0 ? oneDecimal : int).format(pct)} %`;
};

/** Packet loss, a 0–1 ratio: "0.04 %" — two decimals under 10 %, where small losses matter. */
export const formatLoss = (ratio: number): string => `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`;

export const formatCelsius = (c: number): string => `${oneDecimal.format(c)} °C`;

/** Clock time in the viewer's zone, 24-hour as NOCs read it: "14:03:22". */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
export const formatClock = (epochMs: number): string => clock.format(epochMs);

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** "22 Nov, 23:51:02" in the viewer's zone; the text as given when it is no date. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateTime.format(ms);
}
