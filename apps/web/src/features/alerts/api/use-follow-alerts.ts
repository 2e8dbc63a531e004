import type { Alert } from '@corridor/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyStreamedAlert } from './alert-queries.ts';

/** What the live feed hands its followers (LiveClient.onNocEvent), as far as alerts are concerned. */
export type AlertEventSource = (listener: (event: { type: 'alert'; alert: Alert } | { type: string }) => void) => () => void;

/**
 * Keeps every loaded alert list current from the stream's `alert` events for as long as the console is
 * mounted: one follower for the badge, the alerts view and the wall alike.
 */
export function useFollowAlerts(onNocEvent: AlertEventSource): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onNocEvent((event) => {
        if (event.type === 'alert' && 'alert' in event) applyStreamedAlert(queryClient, event.alert);
      }),
    [onNocEvent, queryClient],
  );
}
