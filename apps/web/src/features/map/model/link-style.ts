import type { Link } from '@corridor/shared';
import type { PathOptions } from 'leaflet';
import { formatKm, formatLoss, formatMs } from '../../../lib/format.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { LINK_CONDITION_STYLES, type LinkCondition, type LinkReading } from '../../../lib/link-condition.ts';

/** Submarine cables dashed and teal, terrestrial backbones solid and blue. */
export function linkStyle(kind: Link['kind']): PathOptions {
  return kind === 'submarine' ? { color: '#2dd4bf', weight: 2, opacity: 0.75, dashArray: '6 5', lineCap: 'round' } : { color: '#60a5fa', weight: 2, opacity: 0.8, lineCap: 'round' };
}

/**
 * How a bad condition's line is drawn, told by its dash pattern as well as its colour (never by colour
 * alone): elevated in long dashes, lossy in dash and dot, cut in heavy dots. A normal link (or one not
 * read yet) keeps its kind's line: a submarine cable's short dashes, a terrestrial link's solid line.
 */
export const CONDITION_PATTERNS = {
  elevated: { pattern: 'dashes', dashArray: '14 6', weight: 2.5 },
  lossy: { pattern: 'dashdot', dashArray: '9 4 1 4', weight: 2.5 },
  cut: { pattern: 'dots', dashArray: '2 7', weight: 3 },
} as const satisfies Record<Exclude<LinkCondition, 'unknown' | 'normal'>, { pattern: string; dashArray: string; weight: number }>;

/** The line style for a link in a condition: the kind's style, recoloured and re-dashed for a bad condition. */
export function liveLinkStyle(kind: Link['kind'], condition: LinkCondition): PathOptions {
  // Every key set, so a restyle from cut back to normal takes the dashes away again.
  const base: PathOptions = { dashArray: undefined, ...linkStyle(kind) };
  if (condition === 'unknown' || condition === 'normal') return base;
  const { colour } = LINK_CONDITION_STYLES[condition];
  const { dashArray, weight } = CONDITION_PATTERNS[condition];
  return { ...base, color: colour, weight, opacity: 0.95, dashArray, lineCap: condition === 'cut' ? 'round' : 'butt' };
}

/** The line a link draws: from its first end through its waypoints to the other, as [lat, lon]. */
export function linkLatLngs(link: Pick<Link, 'from' | 'to' | 'path'>): [number, number][] {
  return [[link.from.lat, link.from.lon], ...link.path.map(([lat, lon]): [number, number] => [lat, lon]), [link.to.lat, link.to.lon]];
}

/** Tooltip lines: the ends, then cable, length and RTT, each with its unit. */
export function linkTooltipLines(link: Pick<Link, 'from' | 'to' | 'cable' | 'kind' | 'lengthKm' | 'rttMs' | 'rttSource'>): string[] {
  return [
    translate('map.link.ends', { from: link.from.name, to: link.to.name }),
    translate('map.link.details', {
      cable: link.cable,
      kind: translate('map.link.kind', { kind: link.kind }),
      length: formatKm(link.lengthKm),
      rtt: formatMs(link.rttMs),
      source: translate('map.link.rttSource', { source: link.rttSource }),
    }),
  ];
}

/** The tooltip's live line: "Live: RTT 14 ms · loss 0.0 %", or nothing before the first reading. */
export function linkLiveLine(reading?: LinkReading): string | undefined {
  const rttS = reading?.values.link_rtt_seconds;
  const loss = reading?.values.link_loss_ratio;
  if (rttS === undefined && loss === undefined) return undefined;
  const parts = [
    rttS !== undefined ? translate('map.link.liveRtt', { rtt: formatMs(rttS * 1000) }) : translate('map.link.liveNoRtt'),
    loss !== undefined ? translate('map.link.liveLoss', { loss: formatLoss(loss) }) : undefined,
  ];
  return translate('map.link.live', { parts: parts.filter(Boolean).join(translate('map.link.liveSeparator')) });
}

/** A line's accessible name: "Medusa, Nador – Marseille: lossy, 34 ms" (the live RTT when there is one). */
export function linkAccessibleName(link: Pick<Link, 'name' | 'from' | 'to'>, condition: LinkCondition, reading?: LinkReading): string {
  const rttS = reading?.values.link_rtt_seconds;
  const values = { name: link.name, from: link.from.name, to: link.to.name, condition: translate('map.link.condition', { condition }) };
  return rttS === undefined ? translate('map.link.name', values) : translate('map.link.nameRtt', { ...values, rtt: formatMs(rttS * 1000) });
}
