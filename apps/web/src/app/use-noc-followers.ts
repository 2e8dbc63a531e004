import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LiveClient, NocEvent } from '../features/live/api/live-client.ts';
import { maintenanceQueries } from '../features/maintenance/api/maintenance-queries.ts';
import { applyLiveTimelineEvent, timelineQueries } from '../features/timeline/api/timeline-queries.ts';
import { workloadKeys } from '../lib/query-keys.ts';

/** Timeline kinds that change where workloads run (their lists, pages, a drain's progress), or their policy flag. */
const MOVING_KINDS = new Set(['migration', 'drain', 'commit', 'release', 'policy']);

/** What one NOC event makes stale, and the timeline lists it goes into. */
export function followNocEvent(queryClient: QueryClient, event: NocEvent): void {
  if (event.type === 'alert') {
    if (event.alert.siteId) void queryClient.invalidateQueries({ queryKey: maintenanceQueries.siteAlertsKey(event.alert.siteId) });
    return;
  }
  const e = event.event;
  applyLiveTimelineEvent(queryClient, e);
  if (e.kind === 'maintenance') void queryClient.invalidateQueries({ queryKey: maintenanceQueries.windowsKey() });
  // A running drain's page asks again on each of its events (and each move's): no polling.
  if (e.kind === 'drain' || e.kind === 'migration') void queryClient.invalidateQueries({ queryKey: maintenanceQueries.drainsKey() });
  if (MOVING_KINDS.has(e.kind)) void queryClient.invalidateQueries({ queryKey: workloadKeys.all() });
}

/**
 * The console's NOC followers: timeline events from the stream go on top of the timeline lists and
 * refresh the maintenance windows, drains and workloads they concern; when the stream comes back after
 * a gap, those lists are asked again (events may have been missed).
 */
export function useNocFollowers(live: LiveClient): void {
  const queryClient = useQueryClient();
  useEffect(() => live.onNocEvent((event) => followNocEvent(queryClient, event)), [live, queryClient]);
  useEffect(() => {
    let wasLive = live.getFreshness().kind === 'live';
    let lostAfterLive = false;
    return live.subscribe(() => {
      const isLive = live.getFreshness().kind === 'live';
      if (wasLive && !isLive) lostAfterLive = true;
      if (isLive && lostAfterLive) {
        lostAfterLive = false;
        void queryClient.invalidateQueries({ queryKey: timelineQueries.all() });
        void queryClient.invalidateQueries({ queryKey: maintenanceQueries.all() });
      }
      wasLive = isLive;
    });
  }, [live, queryClient]);
}
