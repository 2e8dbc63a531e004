import type { Alert } from '@corridor/shared';
import { useMemo } from 'react';
import { AlertsPage } from '../features/alerts/components/alerts-page.tsx';
import type { ViewContext } from './view-context.ts';
import { alertFilterOf, urlPatchOfAlertFilter } from './url-state.ts';

/**
 * The alerts view (?view=alerts) composed with the console's fleet: site and link names, and each alert's
 * place as a deep link to the map with that site's or link's panel open (the map flies to it).
 */
export function AlertsView({ url, setUrl, link, fleet, siteName, abilities }: ViewContext) {
  const linksById = useMemo(() => new Map(fleet.links.map((l) => [l.id, l])), [fleet.links]);
  const names = useMemo(() => ({ siteName, linkName: (id: string) => linksById.get(id)?.name ?? id }), [siteName, linksById]);
  const placeLink = (alert: Alert) =>
    alert.siteId ? link({ view: undefined, site: alert.siteId, link: undefined }) : alert.linkId ? link({ view: undefined, link: alert.linkId, site: undefined }) : undefined;
  return (
    <AlertsPage
      filter={alertFilterOf(url)}
      onFilterChange={(patch, options) => setUrl(urlPatchOfAlertFilter(patch), options)}
      canOperate={abilities.canOperateNoc}
      names={names}
      sites={fleet.rows}
      links={fleet.links}
      placeLink={placeLink}
    />
  );
}
