import type { Alert, Link, SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { alertQueries, FIRING } from '../features/alerts/api/alert-queries.ts';
import { countFiring, firingBySite, tabTitle } from '../features/alerts/model/alert-counts.ts';
import { alertRowView } from '../features/alerts/model/alert-row.ts';
import type { Freshness } from '../features/live/model/freshness.ts';
import { useRotatingFocus } from '../features/wall/components/use-rotating-focus.ts';
import { WallLayout } from '../features/wall/components/wall-layout.tsx';
import { WallStaleBanner } from '../features/wall/components/wall-stale-banner.tsx';
import { WallTicker, type TickerItem } from '../features/wall/components/wall-ticker.tsx';
import { uniqueTargets, type FocusTarget } from '../features/wall/model/focus-rotation.ts';
import { formatClock } from '../lib/format.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { useNow } from '../lib/use-now.ts';
import type { InPlaceLink } from './in-place-link.ts';
import { LiveNetworkMap } from './live-network-map.tsx';

interface WallViewProps {
  sites: readonly SiteRow[];
  links: readonly Link[];
  freshness: Freshness;
  siteName: (id: string) => string;
  /** Back to the console as it was, without ?wall=1. */
  exitLink: InPlaceLink;
  /** A site clicked on the wall's map: the console opens with its panel. */
  onOpenSite: (id: string) => void;
}

/**
 * Where the wall pans for an alert: its site, or for a link the end that is a site (a landing station
 * otherwise) — at the zoom the map flies to, a link's midpoint is open sea with nothing to recognise.
 */
function targetOf(alert: Alert, sitesById: ReadonlyMap<string, SiteRow>, linksById: ReadonlyMap<string, Link>): FocusTarget | undefined {
  if (alert.siteId) {
    const site = sitesById.get(alert.siteId);
    return site && { id: site.id, lat: site.lat, lon: site.lon, itCapacityMw: site.itCapacityMw };
  }
  const link = alert.linkId ? linksById.get(alert.linkId) : undefined;
  if (!link) return undefined;
  const end = link.from.kind === 'site' ? link.from : link.to.kind === 'site' ? link.to : link.from;
  return { id: link.id, lat: end.lat, lon: end.lon, itCapacityMw: sitesById.get(end.id)?.itCapacityMw ?? 0 };
}

/**
 * Wall mode (?wall=1): the whole network map beside the firing alerts in large type, the map's focus
 * moving through the places with firing alerts every 10 s, a stale banner while the stream is down.
 * The alert list is the badge's (firing, kept current by the stream).
 */
export function WallView({ sites, links, freshness, siteName, exitLink, onOpenSite }: WallViewProps) {
  const t = useT();
  const firing = useQuery(alertQueries.list(FIRING));
  const alerts = firing.data?.alerts;
  const now = useNow(1000);
  const sitesById = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const linksById = useMemo(() => new Map(links.map((l) => [l.id, l])), [links]);
  const targets = useMemo(() => uniqueTargets((alerts ?? []).map((a) => targetOf(a, sitesById, linksById))), [alerts, sitesById, linksById]);
  const focus = useRotatingFocus(targets);
  const alertCounts = useMemo(() => firingBySite(alerts ?? []), [alerts]);
  // The wall's tab says what the console's badge would (the badge is not on the wall).
  const title = tabTitle(countFiring(alerts ?? []), t('app.documentTitle.map'));
  useEffect(() => {
    document.title = title;
  }, [title]);

  const names = useMemo(() => ({ siteName, linkName: (id: string) => linksById.get(id)?.name ?? id }), [siteName, linksById]);
  const items: TickerItem[] = (alerts ?? []).map((alert) => {
    const row = alertRowView(alert, now, names, formatClock);
    const at = alert.siteId ?? alert.linkId;
    return {
      id: row.id,
      severity: row.severity,
      summary: row.summary,
      place: row.place,
      age: row.age,
      acknowledgedBy: row.acknowledgedBy,
      acknowledgement: row.acknowledgementNote,
      marks: row.marks,
      focused: at !== undefined && at === focus?.id,
    };
  });
  const focusName = focus ? (sitesById.get(focus.id)?.name ?? linksById.get(focus.id)?.name ?? focus.id) : undefined;

  return (
    <WallLayout
      focus={focusName ? t('app.wall.focus', { name: focusName }) : targets.length === 0 && alerts ? t('app.wall.nothingFiring') : undefined}
      exitLink={exitLink}
      banner={<WallStaleBanner stale={freshness.kind === 'stale'} message={freshness.message} />}
      map={<LiveNetworkMap sites={sites} links={links} selection={focus} alertCounts={alertCounts} onSelectSite={onOpenSite} boundary="official" coveredRightPx={0} />}
      ticker={<WallTicker items={items} loading={firing.isPending} error={firing.isError ? firing.error.message : undefined} />}
    />
  );
}
