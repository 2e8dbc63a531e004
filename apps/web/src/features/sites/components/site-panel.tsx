import type { SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { ApiError, isUnavailableError } from '../../../lib/api-client.ts';
import { siteQueries, type FleetSource } from '../api/sites-queries.ts';
import { RowFacts, SiteFacts } from './site-facts.tsx';

interface SitePanelProps {
  siteId: string;
  /** The list's row, shown while the detail loads. */
  row?: SiteRow;
  source: FleetSource;
  onClose: () => void;
  /** Sections the console adds under the status line (the live figures and charts). */
  children?: ReactNode;
}

/** The drawer for the selected site: what the console adds (live figures), then its facts, clusters and links. Escape closes it. */
export function SitePanel({ siteId, row, source, onClose, children }: SitePanelProps) {
  const detail = useQuery(siteQueries.detail(siteId, source));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const site = detail.data?.site;
  const name = site?.name ?? row?.name ?? (detail.isError ? 'Site not available' : 'Loading site…');

  useEffect(() => {
    headingRef.current?.focus();
  }, [siteId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const notFound = detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND';
  return (
    <aside className="site-panel" aria-labelledby="site-panel-title" aria-busy={detail.isPending}>
      <div className="panel-head">
        <h2 id="site-panel-title" ref={headingRef} tabIndex={-1}>
          {name}
        </h2>
        <button type="button" className="icon-button" aria-label="Close site panel" onClick={onClose}>
          ×
        </button>
      </div>
      {(site ?? row) && (
        <p className="panel-sub">
          <StatusBadge status={(site ?? row)!.status} /> {(site ?? row)!.city}
        </p>
      )}
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
      {detail.data && <SiteFacts site={detail.data.site} links={detail.data.links} stale={detail.isError} />}
    </aside>
  );
}
