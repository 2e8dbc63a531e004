import type { MessageKey } from './i18n/message-keys.ts';
import { translate } from './i18n/runtime.ts';

/** A link's latest probe readings, in base units (RTT in seconds, loss 0–1), as the live feed holds them. */
export interface LinkReading {
  values: { link_rtt_seconds?: number; link_loss_ratio?: number; link_utilization_ratio?: number };
}

/** How a link is doing, worst last. */
export type LinkCondition = 'unknown' | 'normal' | 'elevated' | 'lossy' | 'cut';

/** Loss from which a link is lossy (1 %) and from which it counts as cut (30 %: traffic on a detour or nowhere). */
export const LOSSY_RATIO = 0.01;
export const CUT_RATIO = 0.3;
/** RTT this much above the link's base, and by at least ELEVATED_MIN_MS, is elevated (queueing, a detour). */
export const ELEVATED_FACTOR = 1.5;
export const ELEVATED_MIN_MS = 5;

/** The condition of a link against its base RTT: what the map colours it by and what its panel says. */
export function linkCondition(baseRttMs: number, reading?: LinkReading): LinkCondition {
  const rttS = reading?.values.link_rtt_seconds;
  const loss = reading?.values.link_loss_ratio;
  if (rttS === undefined && loss === undefined) return 'unknown';
  if (loss !== undefined && loss >= CUT_RATIO) return 'cut';
  if (loss !== undefined && loss >= LOSSY_RATIO) return 'lossy';
  if (rttS !== undefined) {
    const rttMs = rttS * 1000;
    if (rttMs >= baseRttMs * ELEVATED_FACTOR && rttMs - baseRttMs >= ELEVATED_MIN_MS) return 'elevated';
  }
  return 'normal';
}

/** How each bad condition reads and shows, shared by the map's lines, its legend and the link panel. Normal links keep their kind's colour (teal submarine, blue terrestrial). */
/** The label is read in the language in force each time (never frozen at module load). */
const condition = (key: MessageKey, colour: string): { readonly label: string; colour: string } => ({
  get label() {
    return translate(key);
  },
  colour,
});

export const LINK_CONDITION_STYLES: Record<Exclude<LinkCondition, 'unknown' | 'normal'>, { readonly label: string; colour: string }> = {
  elevated: condition('common.link.elevated', '#facc15'),
  lossy: condition('common.link.lossy', '#fb923c'),
  cut: condition('common.link.cut', '#ef4444'),
};
