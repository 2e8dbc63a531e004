import type { SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ComponentProps } from 'react';
import { ledgerQuery } from '../features/capacity/api/ledger-query.ts';
import { syntheticLedgers } from '../features/capacity/model/synthetic-ledger.ts';
import { FleetHeader } from '../features/fleet/components/fleet-header.tsx';
import { healthCounts } from '../features/fleet/model/health-counts.ts';
import { headerLedger } from '../features/fleet/model/header-ledger.ts';
import { useLiveHealth } from '../features/live/api/live-selectors.ts';
import { LiveKpis } from '../features/live/components/live-kpis.tsx';
import { countryName } from '../lib/countries.ts';
import { useT } from '../lib/i18n/i18n.tsx';

type LiveFleetHeaderProps = Omit<ComponentProps<typeof FleetHeader>, 'counts' | 'scope' | 'ledger'> & {
  sites: readonly SiteRow[];
  /** The site list's country filter (?country=MA): the header's figures follow it. */
  country?: string;
};

/**
 * The header of the fleet, or of the country the site list is filtered on: its sites by declared status
 * and observed health (live), the capacity ledger's row for it (refreshed by the capacity follower on
 * commits, releases and moves), and its live figures from the stream.
 */
export function LiveFleetHeader({ sites, country, children, ...props }: LiveFleetHeaderProps) {
  useT(); // the country's name is in the language in force
  const live = useLiveHealth();
  const scopeSites = useMemo(() => (country ? sites.filter((s) => s.country === country) : sites), [sites, country]);
  const siteIds = useMemo(() => (country ? new Set(scopeSites.map((s) => s.id)) : undefined), [country, scopeSites]);
  // A synthetic fleet has no live reports: its header keeps the fleet's statuses.
  const counts = useMemo(() => (props.synthetic || scopeSites.length === 0 ? undefined : healthCounts(scopeSites, live)), [props.synthetic, scopeSites, live]);
  const scope = country ? { country, name: countryName(country), sites: scopeSites.length } : undefined;

  const read = useQuery({ ...ledgerQuery(country ? 'country' : 'network'), enabled: !props.synthetic });
  // A synthetic fleet (?synthetic=N) has no server ledger: its sites' nameplates make one, as in the capacity view.
  const synthetic = useMemo(() => (props.synthetic ? syntheticLedgers(sites, new Date().toISOString()) : undefined), [props.synthetic, sites]);
  const ledger = headerLedger(synthetic ? { data: country ? synthetic.country : synthetic.network, isError: false } : read, country);

  return (
    <FleetHeader {...props} {...(counts ? { counts } : {})} {...(scope ? { scope } : {})} ledger={ledger}>
      <LiveKpis {...(siteIds && scope ? { siteIds, scope: scope.name } : {})} />
      {children}
    </FleetHeader>
  );
}
