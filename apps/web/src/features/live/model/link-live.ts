import type { MetricName } from '@corridor/shared';
import { formatLoss, formatMs, formatPercent } from '../../../lib/format.ts';
import { LINK_CONDITION_STYLES, linkCondition, type LinkCondition } from '../../map/model/link-health.ts';
import type { LiveFact } from './site-live.ts';

const CONDITION_LABELS: Record<LinkCondition, string> = {
  unknown: 'No reading yet',
  normal: 'Normal',
  elevated: LINK_CONDITION_STYLES.elevated.label,
  lossy: LINK_CONDITION_STYLES.lossy.label,
  cut: LINK_CONDITION_STYLES.cut.label,
};

/**
 * A link's current figures as its panel lists them, each with its unit, then its condition as the map
 * colours it (against the link's base RTT). A missing RTT with loss reported means no probe came back.
 */
export function linkLiveFacts(v: Partial<Record<MetricName, number>>, baseRttMs: number): LiveFact[] {
  const facts: LiveFact[] = [];
  const rtt = v.link_rtt_seconds;
  const loss = v.link_loss_ratio;
  if (rtt !== undefined) facts.push({ label: 'RTT', value: `${formatMs(rtt * 1000)} (base ${formatMs(baseRttMs)})` });
  else if (loss !== undefined) facts.push({ label: 'RTT', value: 'no reply (unreachable)' });
  if (loss !== undefined) facts.push({ label: 'Packet loss', value: formatLoss(loss) });
  if (v.link_utilization_ratio !== undefined) facts.push({ label: 'Utilisation', value: formatPercent(v.link_utilization_ratio) });
  const condition = linkCondition(baseRttMs, { values: { link_rtt_seconds: rtt, link_loss_ratio: loss } });
  if (facts.length > 0) facts.push({ label: 'Condition', value: CONDITION_LABELS[condition] });
  return facts;
}
