import { useLiveHealth } from '../features/live/api/live-selectors.ts';
import { SiteList } from '../features/sites/components/site-list.tsx';

/** The site list with each site's observed health, so the list and the map always agree. */
export function LiveSiteList(props: Omit<Parameters<typeof SiteList>[0], 'health'>) {
  return <SiteList {...props} health={useLiveHealth()} />;
}
