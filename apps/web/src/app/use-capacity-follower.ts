import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ledgerKeys } from '../features/capacity/api/ledger-query.ts';
import type { LiveClient } from '../features/live/api/live-client.ts';
import { liveQueries } from '../features/live/api/live-queries.ts';

/** After a commit, release, move or maintenance, the capacity reads are asked again at most this often. */
export const CAPACITY_EVENT_REFRESH_MS = 3_000;
/** Telemetry (in use, out of service) moves the ledger alone, and less often: it arrives every tick. */
export const CAPACITY_TELEMETRY_REFRESH_MS = 15_000;
/** Timeline kinds that change what is committed, out of service or installed. */
const CAPACITY_KINDS = new Set(['commit', 'release', 'migration', 'drain', 'maintenance']);

/** A function that runs `action` at most once per `intervalMs`, trailing: the last call is never lost. */
export function throttled(action: () => void, intervalMs: number, now: () => number = Date.now): { call: () => void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          last = now();
          action();
        },
        Math.max(0, last + intervalMs - now()),
      );
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

const staleCapacity = (queryClient: QueryClient, ledgerOnly: boolean) =>
  void queryClient.invalidateQueries({
    queryKey: ledgerOnly ? ledgerKeys.ledgers() : ledgerKeys.all(),
    // Energy is hourly and the outlines never change: neither follows the stream.
    predicate: (q) => q.queryKey[1] !== 'energy' && q.queryKey[1] !== 'country-shapes',
  });

/**
 * The capacity reads follow the stream: a commit, release, move or maintenance changes committed and
 * free (every capacity read is asked again: the capacity view, the header, the site panel); with
 * `followTelemetry` (the capacity view on screen), telemetry changes in use and out of service (the
 * ledger is asked again). Throttled; only the reads on screen are fetched, the others are marked stale.
 */
export function useCapacityFollower(live: LiveClient, followTelemetry = true): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onEvent = throttled(() => staleCapacity(queryClient, false), CAPACITY_EVENT_REFRESH_MS);
    const onTelemetry = throttled(() => staleCapacity(queryClient, true), CAPACITY_TELEMETRY_REFRESH_MS);
    const snapshotKey = JSON.stringify(liveQueries.snapshot().queryKey);
    const offEvents = live.onNocEvent((event) => {
      if (event.type === 'timeline' && CAPACITY_KINDS.has(event.event.kind)) onEvent.call();
    });
    const offTelemetry = queryClient.getQueryCache().subscribe((e) => {
      if (!followTelemetry) return;
      if (e.type === 'updated' && e.action.type === 'success' && JSON.stringify(e.query.queryKey) === snapshotKey) onTelemetry.call();
    });
    return () => {
      offEvents();
      offTelemetry();
      onEvent.cancel();
      onTelemetry.cancel();
    };
  }, [live, queryClient, followTelemetry]);
}
