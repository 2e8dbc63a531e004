import type { Link } from '@corridor/shared';
import type { PathOptions } from 'leaflet';
import { formatKm, formatLoss, formatMs } from '../../../lib/format.ts';
import { LINK_CONDITION_STYLES, type LinkCondition, type LinkReading } from '../../../lib/link-condition.ts';

/** Submarine cables dashed and teal, terrestrial backbones solid and blue. */
export function linkStyle(kind: Link['kind']): PathOptions {
  return kind === 'submarine' ? { color: '#2dd4bf', weight: 2, opacity: 0.75, dashArray: '6 5', lineCap: 'round' } : { color: '#60a5fa', weight: 2, opacity: 0.8, lineCap: 'round' };
}

/** The line style for a link in a condition: the kind's style, recoloured (and for a cut, thick, red, short-dashed). */
export function liveLinkStyle(kind: Link['kind'], condition: LinkCondition): PathOptions {
  // Every key set, so a restyle from cut back to normal takes the dashes away again.
  const base: PathOptions = { dashArray: undefined, ...linkStyle(kind) };
  if (condition === 'unknown' || condition === 'normal') return base;
  const { colour } = LINK_CONDITION_STYLES[condition];
  if (condition === 'cut') return { ...base, color: colour, weight: 3, opacity: 0.95, dashArray: '2 7' };
  return { ...base, color: colour, weight: 2.5, opacity: 0.95 };
}

/** The line a link draws: from its first end through its waypoints to the other, as [lat, lon]. */
export function linkLatLngs(link: Pick<Link, 'from' | 'to' | 'path'>): [number, number][] {
  return [[link.from.lat, link.from.lon], ...link.path.map(([lat, lon]): [number, number] => [lat, lon]), [link.to.lat, link.to.lon]];
}

/** Tooltip lines: the ends, then cable, length and RTT, each with its unit. */
export function linkTooltipLines(link: Pick<Link, 'from' | 'to' | 'cable' | 'kind' | 'lengthKm' | 'rttMs' | 'rttSource'>): string[] {
  return [`${link.from.name} – ${link.to.name}`, `${link.cable} (${link.kind}) · ${formatKm(link.lengthKm)} · RTT ${formatMs(link.rttMs)} ${link.rttSource}`];
}

/** The tooltip's live line: "Live: RTT 14 ms · loss 0.0 %", or nothing before the first reading. */
export function linkLiveLine(reading?: LinkReading): string | undefined {
  const rttS = reading?.values.link_rtt_seconds;
  const loss = reading?.values.link_loss_ratio;
  if (rttS === undefined && loss === undefined) return undefined;
  const parts = [rttS !== undefined ? `RTT ${formatMs(rttS * 1000)}` : 'no RTT (unreachable)', loss !== undefined ? `loss ${formatLoss(loss)}` : undefined];
  return `Live: ${parts.filter(Boolean).join(' · ')}`;
}
