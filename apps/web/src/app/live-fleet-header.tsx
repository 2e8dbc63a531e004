import type { SiteRow } from '@corridor/shared';
import { useMemo, type ComponentProps } from 'react';
import { FleetHeader } from '../features/fleet/components/fleet-header.tsx';
import { healthCounts } from '../features/fleet/model/health-counts.ts';
import { useLiveHealth } from '../features/live/api/live-selectors.ts';

/** The header with its site counts from the live stream: declared statuses, and how operational sites are observed. */
export function LiveFleetHeader({ sites, ...props }: Omit<ComponentProps<typeof FleetHeader>, 'counts'> & { sites: readonly SiteRow[] }) {
  const live = useLiveHealth();
  // A synthetic fleet has no live reports: its header keeps the fleet's statuses.
  const counts = useMemo(() => (props.synthetic || sites.length === 0 ? undefined : healthCounts(sites, live)), [props.synthetic, sites, live]);
  return <FleetHeader {...props} {...(counts ? { counts } : {})} />;
}
