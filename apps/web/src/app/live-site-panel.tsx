import { useMemo } from 'react';
import { SiteLedger, type MeasuredNow } from '../features/capacity/components/site-ledger.tsx';
import { useLiveSite } from '../features/live/api/live-selectors.ts';
import { SitePanel } from '../features/sites/components/site-panel.tsx';

/** The site panel with the site's declared status and observed health, as the list and the map show them. */
export function LiveSitePanel(props: Omit<Parameters<typeof SitePanel>[0], 'health'>) {
  const { health } = useLiveSite(props.siteId);
  return <SitePanel {...props} {...(health ? { health } : {})} />;
}

/**
 * The site's block of the capacity ledger, its in use measured by the stream at each tick (the same
 * telemetry the ledger sums, so it never lags the live figures above it).
 */
export function LiveSiteLedger({ siteId }: { siteId: string }) {
  const values = useLiveSite(siteId).values?.values;
  const it = values?.site_it_power_watts;
  const busy = values?.site_gpus_busy;
  const inUse = useMemo<MeasuredNow | undefined>(
    () => (it === undefined && busy === undefined ? undefined : { ...(it !== undefined ? { itMw: it / 1e6 } : {}), ...(busy !== undefined ? { gpusBusy: busy } : {}) }),
    [it, busy],
  );
  return <SiteLedger siteId={siteId} {...(inUse ? { inUse } : {})} />;
}
