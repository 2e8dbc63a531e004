import type { RejectionReason } from '@corridor/shared';
import { formatCount, formatMs, formatNumber } from '../../../lib/format.ts';
import { currentLocale, translate } from '../../../lib/i18n/runtime.ts';

/**
 * The engine says each rejection in one English sentence (its `message`), the most precise account there is:
 * English readers get it as it is. In another language the console says the reason from what it can read
 * without the sentence — the code, and the margin where there is one ("Il faut 64 H100, 40 libres.") — and
 * `showsOriginal` tells the view to offer the engine's words beside it.
 */
export function reasonText(reason: RejectionReason): string {
  if (!showsOriginal()) return reason.message;
  const { code, margin } = reason;
  if (margin && code === 'INSUFFICIENT_GPUS') {
    return margin.unit === 'GPUs'
      ? translate('placement.reason.INSUFFICIENT_GPUS.any', { needed: margin.needed, available: formatCount(margin.available) })
      : translate('placement.reason.INSUFFICIENT_GPUS.model', { needed: formatCount(margin.needed), model: margin.unit, available: formatCount(margin.available) });
  }
  if (margin?.unit === 'kW' && code === 'POWER_HEADROOM') {
    return translate('placement.reason.POWER_HEADROOM.margin', { needed: kw(margin.needed), available: kw(margin.available) });
  }
  if (margin?.unit === 'ms' && code === 'LATENCY_OBJECTIVE') {
    return translate('placement.reason.LATENCY_OBJECTIVE.margin', { needed: formatMs(margin.needed), available: formatMs(margin.available) });
  }
  return translate(`placement.reason.${code}`);
}

/** Whether the reason shown is the console's own wording, so the engine's English sentence is worth offering too. */
export function showsOriginal(): boolean {
  const locale = currentLocale()?.locale;
  return locale !== undefined && locale !== 'en';
}

const kw = (value: number) => `${formatNumber(value, 1)} kW`;
