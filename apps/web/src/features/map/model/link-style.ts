import type { Link } from '@corridor/shared';
import type { PathOptions } from 'leaflet';
import { formatKm, formatMs } from '../../../lib/format.ts';

/** Submarine cables dashed and teal, terrestrial backbones solid and blue. */
export function linkStyle(kind: Link['kind']): PathOptions {
  return kind === 'submarine'
    ? { color: '#2dd4bf', weight: 2, opacity: 0.75, dashArray: '6 5', lineCap: 'round' }
    : { color: '#60a5fa', weight: 2, opacity: 0.8, lineCap: 'round' };
}

/** The line a link draws: from its first end through its waypoints to the other, as [lat, lon]. */
export function linkLatLngs(link: Pick<Link, 'from' | 'to' | 'path'>): [number, number][] {
  return [[link.from.lat, link.from.lon], ...link.path.map(([lat, lon]): [number, number] => [lat, lon]), [link.to.lat, link.to.lon]];
}

/** Tooltip lines: the ends, then cable, length and RTT, each with its unit. */
export function linkTooltipLines(link: Pick<Link, 'from' | 'to' | 'cable' | 'kind' | 'lengthKm' | 'rttMs' | 'rttSource'>): string[] {
  return [`${link.from.name} – ${link.to.name}`, `${link.cable} (${link.kind}) · ${formatKm(link.lengthKm)} · RTT ${formatMs(link.rttMs)} ${link.rttSource}`];
}
