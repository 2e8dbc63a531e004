import type { SiteHealth, SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Drawer } from '../../../components/drawer.tsx';
import { SiteStateBadge } from '../../../components/site-state-badge.tsx';
import { ApiError, isUnavailableError } from '../../../lib/api-client.ts';
import { siteStateOf } from '../../../lib/site-status.ts';
import { siteQueries, type FleetSource } from '../api/sites-queries.ts';
import { RowFacts, SiteFacts } from './site-facts.tsx';

interface SitePanelProps {
  siteId: string;
  /** The list's row, shown while the detail loads. */
  row?: SiteRow;
  source: FleetSource;
  onClose: () => void;
  /** Opens one of the site's links (its row in the Links table becomes a button). */
  onOpenLink?: (linkId: string) => void;
  /** The site's declared status and observed health from the live stream (absent: the fleet's status, no data). */
  health?: SiteHealth;
  /** Sections the console adds under the status line (the live figures and charts). */
  children?: ReactNode;
}

/** The drawer for the selected site: what the console adds (live figures), then its facts, clusters and links. Escape closes it. */
export function SitePanel({ siteId, row, source, health, onClose, onOpenLink, children }: SitePanelProps) {
  const detail = useQuery(siteQueries.detail(siteId, source));
  const site = detail.data?.site;
  const name = site?.name ?? row?.name ?? (detail.isError ? 'Site not available' : 'Loading site…');

  const notFound = detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND';
  return (
    <Drawer titleId="site-panel-title" title={name} closeLabel="Close site panel" onClose={onClose} itemKey={siteId} busy={detail.isPending}>
      {(site ?? row) && <SiteStateLine state={siteStateOf((site ?? row)!.status, health)} city={(site ?? row)!.city} />}
      {children}
      {detail.isPending && <p className="panel-state">Loading site details…</p>}
      {detail.isError && !site && (
        // An outage is announced once, by the console's banner; other failures are announced here.
        <div className="panel-state error" role={isUnavailableError(detail.error) ? undefined : 'alert'}>
          <p>{notFound ? `No site with id “${siteId}”.` : `The site's details could not be loaded: ${detail.error.message}`}</p>
          {!notFound && (
            <button type="button" onClick={() => void detail.refetch()}>
              Retry
            </button>
          )}
        </div>
      )}
      {!detail.data && row && <RowFacts row={row} />}
      {detail.data && <SiteFacts site={detail.data.site} links={detail.data.links} stale={detail.isError} onOpenLink={onOpenLink} />}
    </Drawer>
  );
}

/** The one status line: the declared · observed pair, the city, and why (or until when) under it. */
function SiteStateLine({ state, city }: { state: ReturnType<typeof siteStateOf>; city: string }) {
  const until = state.maintenanceUntil ? new Date(state.maintenanceUntil) : undefined;
  return (
    <>
      <p className="panel-sub" aria-label="Status">
        <SiteStateBadge state={state} /> {city}
      </p>
      {(state.reason || until) && (
        <p className="panel-sub muted site-state-why">
          {state.reason}
          {state.reason && until ? ' · ' : ''}
          {until && `maintenance until ${until.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })}`}
        </p>
      )}
    </>
  );
}
