import type { RejectionReason } from '@corridor/shared';
import { formatCount, formatMs, formatNumber } from '../../../lib/format.ts';
import { countryName } from '../../../lib/countries.ts';
import { currentLocale, formatTag, translate } from '../../../lib/i18n/runtime.ts';
import { conditionsToAllow, type ConditionSet, type ReasonContext } from './reason-conditions.ts';

/**
 * A jurisdiction rejection that a condition would lift is said from its parts in every language — the
 * country, and each condition by its label with its code — never as the engine's sentence, which names
 * conditions by code only ("only if the request affirms cndp-authorisation or ma-transfer-basis").
 *
 * The engine says each rejection in one English sentence (its `message`), the most precise account there is:
 * English readers get it as it is. In another language the console says the reason from what it can read
 * without the sentence — the code, and the margin where there is one ("Il faut 64 H100, 40 libres.") — and
 * `showsOriginal` tells the view to offer the engine's words beside it.
 */
export function reasonText(reason: RejectionReason, context: ReasonContext = {}): string {
  const sets = conditionsToAllow(reason, context);
  if (sets.length > 0) return `${conditionsSentence(context.country!)} ${conditionSetsText(sets)}`;
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

/** "Spain is allowed for this data only if the request affirms one of these conditions:" */
export const conditionsSentence = (country: string): string => translate('placement.reason.JURISDICTION_NOT_ALLOWED.conditions', { country: countryName(country) });

/** A condition as plain text: its label, then its code ("The CNDP has authorised this transfer (cndp-authorisation)"). */
export const conditionText = (c: { id: string; label: string }): string => translate('placement.condition.text', { label: c.label, id: c.id });

/** The alternatives as plain text, for a hover note: "A (a) or B (b)"; the conditions of one alternative joined by "and". */
export function conditionSetsText(sets: readonly ConditionSet[]): string {
  const and = new Intl.ListFormat(formatTag(), { type: 'conjunction' });
  const or = new Intl.ListFormat(formatTag(), { type: 'disjunction' });
  return or.format(sets.map((set) => and.format(set.map(conditionText))));
}
