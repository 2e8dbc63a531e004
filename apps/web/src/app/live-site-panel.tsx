import { useLiveSite } from '../features/live/api/live-selectors.ts';
import { SitePanel } from '../features/sites/components/site-panel.tsx';

/** The site panel with the site's declared status and observed health, as the list and the map show them. */
export function LiveSitePanel(props: Omit<Parameters<typeof SitePanel>[0], 'health'>) {
  const { health } = useLiveSite(props.siteId);
  return <SitePanel {...props} {...(health ? { health } : {})} />;
}
