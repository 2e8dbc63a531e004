import { summarizeFleet, type FleetSummary, type Link, type SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fleetQueries } from '../features/fleet/api/fleet-queries.ts';
import { mapQueries } from '../features/map/api/map-queries.ts';
import { siteQueries, type FleetSource } from '../features/sites/api/sites-queries.ts';

const NO_SITES: SiteRow[] = [];
const NO_LINKS: Link[] = [];

/**
 * The fleet the console shows: from the BFF, or synthetic (?synthetic=N) with the header's totals
 * computed in the browser by the same summarizeFleet the control plane uses.
 */
export function useFleetData(source: FleetSource) {
  const synthetic = !!source.synthetic;
  const sites = useQuery(siteQueries.list(source));
  const summary = useQuery({ ...fleetQueries.summary(), enabled: !synthetic });
  const links = useQuery({ ...mapQueries.links(), enabled: !synthetic });
  const rows = sites.data?.sites ?? NO_SITES;
  const syntheticSummary = useMemo(() => (synthetic ? summarizeFleet(rows, 0) : undefined), [synthetic, rows]);

  return {
    sites,
    rows,
    links: links.data?.links ?? NO_LINKS,
    linksPending: !synthetic && links.isPending,
    linksUnavailable: !synthetic && links.isError && !links.data,
    summary: (syntheticSummary ?? summary.data) as FleetSummary | undefined,
    summaryUnavailable: !synthetic && summary.isError && !summary.data,
    errors: [sites.error, summary.error, links.error].filter((e) => e !== null),
    retry: () => Promise.all([sites.refetch(), synthetic ? null : summary.refetch(), synthetic ? null : links.refetch()]),
  };
}
