import type { SiteRow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLiveSite } from '../features/live/api/live-selectors.ts';
import { SiteOperations } from '../features/maintenance/components/site-operations.tsx';
import { sessionQueries } from '../features/session/api/session-queries.ts';
import { abilitiesOf } from '../features/session/model/abilities.ts';
import { zoneOfCountry } from '../lib/local-time.ts';
import { inPlaceLink } from './in-place-link.ts';
import type { UrlState } from './url-state.ts';
import type { UrlStateUpdate } from './use-url-state.ts';

interface SiteOperationsSectionProps {
  siteId: string;
  row?: SiteRow;
  url: UrlState;
  setUrl: (patch: Partial<UrlState>, options?: UrlStateUpdate) => void;
}

/**
 * The site panel's operations, composed here: who is signed in (the session the console already holds)
 * decides what is offered; the feature's links lead to a workload's page and to the drain review.
 */
export function SiteOperationsSection({ siteId, row, url, setUrl }: SiteOperationsSectionProps) {
  const principal = useQuery(sessionQueries.current()).data?.principal;
  const abilities = useMemo(() => (principal ? abilitiesOf(principal) : undefined), [principal]);
  const live = useLiveSite(siteId);
  if (!abilities) return null;
  return (
    <SiteOperations
      key={siteId}
      siteId={siteId}
      siteName={row?.name ?? siteId}
      siteZone={zoneOfCountry(row?.country)}
      canReadNoc={abilities.canReadNoc}
      canOperate={abilities.canOperateNoc}
      workloadLink={(workload) => inPlaceLink(url, { workload }, setUrl)}
      drainLink={inPlaceLink(url, { view: 'drain', site: siteId, drain: undefined }, setUrl)}
      confirmedDownBy={live.health?.confirmedBy}
    />
  );
}
