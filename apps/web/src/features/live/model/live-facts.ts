import type { MetricName } from '@corridor/shared';
import { formatCarbon, formatCelsius, formatCount, formatKw, formatLoss, formatMs, formatPercent, formatPue } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { LINK_CONDITION_STYLES, linkCondition, type LinkCondition } from '../../../lib/link-condition.ts';

/** One live figure of a site or link: what it is and its value with its unit. */
export interface LiveFact {
  label: string;
  value: string;
}

type Values = Partial<Record<MetricName, number>>;

/**
 * A site's current figures as the panel lists them, each with its unit. Figures the site does not
 * report are left out, rather than shown as they last were: a dark site reports 0 kW and 0 %
 * availability but no PUE or GPU temperature, and the live state drops those a few ticks after its
 * last report of them.
 */
export function siteLiveFacts(v: Values): LiveFact[] {
  const facts: LiveFact[] = [];
  const add = (label: string, value: string | undefined) => value !== undefined && facts.push({ label, value });
  const has = (...keys: MetricName[]) => keys.every((k) => v[k] !== undefined);

  add(translate('live.fact.itPower'), has('site_it_power_watts') ? formatKw(v.site_it_power_watts! / 1000) : undefined);
  add(translate('live.fact.facilityPower'), has('site_facility_power_watts') ? formatKw(v.site_facility_power_watts! / 1000) : undefined);
  add(translate('live.fact.pue'), has('site_pue_ratio') ? formatPue(v.site_pue_ratio!) : undefined);
  add(translate('live.fact.smActive'), has('gpu_sm_active_ratio') ? formatPercent(v.gpu_sm_active_ratio!) : undefined);
  if (has('gpu_temperature_mean_celsius', 'gpu_temperature_max_celsius')) {
    add(
      translate('live.fact.gpuTemperature'),
      translate('live.fact.gpuTemperatureValue', { mean: formatCelsius(v.gpu_temperature_mean_celsius!), max: formatCelsius(v.gpu_temperature_max_celsius!) }),
    );
  }
  add(translate('live.fact.renewable'), has('site_renewable_share_ratio') ? formatPercent(v.site_renewable_share_ratio!) : undefined);
  add(translate('live.fact.carbon'), has('site_carbon_intensity_grams_per_kilowatt_hour') ? formatCarbon(v.site_carbon_intensity_grams_per_kilowatt_hour!) : undefined);
  if (has('site_gpus_busy', 'site_gpus_free')) add(translate('live.fact.gpus'), translate('live.fact.gpusValue', { busy: formatCount(v.site_gpus_busy!), free: formatCount(v.site_gpus_free!) }));
  add(translate('live.fact.availability'), has('site_availability_ratio') ? formatPercent(v.site_availability_ratio!) : undefined);
  add(translate('live.fact.ambient'), has('site_ambient_temperature_celsius') ? formatCelsius(v.site_ambient_temperature_celsius!) : undefined);
  return facts;
}

/** A condition as the panel names it, in the language in force (the bad ones as the map's legend does). */
const conditionLabel = (condition: LinkCondition): string =>
  condition === 'unknown' ? translate('live.condition.unknown') : condition === 'normal' ? translate('live.condition.normal') : LINK_CONDITION_STYLES[condition].label;

/**
 * A link's current figures as its panel lists them, each with its unit, then its condition as the map
 * colours it (against the link's base RTT). A missing RTT with loss reported means no probe came back.
 */
export function linkLiveFacts(v: Values, baseRttMs: number): LiveFact[] {
  const facts: LiveFact[] = [];
  const rtt = v.link_rtt_seconds;
  const loss = v.link_loss_ratio;
  if (rtt !== undefined) facts.push({ label: translate('live.fact.rtt'), value: translate('live.fact.rttValue', { rtt: formatMs(rtt * 1000), base: formatMs(baseRttMs) }) });
  else if (loss !== undefined) facts.push({ label: translate('live.fact.rtt'), value: translate('live.fact.rttNoReply') });
  if (loss !== undefined) facts.push({ label: translate('live.fact.loss'), value: formatLoss(loss) });
  if (v.link_utilization_ratio !== undefined) facts.push({ label: translate('live.fact.utilisation'), value: formatPercent(v.link_utilization_ratio) });
  const condition = linkCondition(baseRttMs, { values: { link_rtt_seconds: rtt, link_loss_ratio: loss } });
  if (facts.length > 0) facts.push({ label: translate('live.fact.condition'), value: conditionLabel(condition) });
  return facts;
}
