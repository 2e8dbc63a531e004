import { useLiveHealth, useLiveLinks } from '../features/live/api/live-selectors.ts';
import { NetworkMap, type NetworkMapProps } from '../features/map/components/network-map.tsx';

/**
 * The map with the live feed's health and link readings. Subscribing here, not in the App, keeps a
 * telemetry commit from re-rendering anything but the map (which restyles what changed in place).
 */
export function LiveNetworkMap(props: Omit<NetworkMapProps, 'health' | 'linkReadings'>) {
  const health = useLiveHealth();
  const linkReadings = useLiveLinks();
  return <NetworkMap {...props} health={health} linkReadings={linkReadings} />;
}
