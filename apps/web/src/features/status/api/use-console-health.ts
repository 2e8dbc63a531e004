import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { isUnavailableError } from '../../../lib/api-client.ts';
import { statusQueries } from './status-queries.ts';

/* Queries opt out of the recovery refetch with meta: { refetchOnRecovery: false } (status itself, static assets). */

/**
 * Follows the console's status (loaded once, then kept current by the live stream) and heals the console: when the control plane answers again (or any query
 * still holds an outage error while the status is fine) every data query is refetched.
 */
export function useConsoleHealth(enabled: boolean) {
  const queryClient = useQueryClient();
  const status = useQuery({ ...statusQueries.console(), enabled });
  const healthy = status.isError ? false : status.data?.ok;
  const wasHealthy = useRef<boolean | undefined>(undefined);

  useEffect(() => {
    if (healthy === undefined) return;
    const recovered = healthy && wasHealthy.current === false;
    wasHealthy.current = healthy;
    if (!healthy) return;
    const stuck = queryClient.getQueryCache().findAll({ predicate: (q) => q.state.status === 'error' && isUnavailableError(q.state.error) });
    if (recovered || stuck.length > 0) {
      void queryClient.invalidateQueries({ predicate: (q) => q.meta?.refetchOnRecovery !== false });
    }
  }, [healthy, status.dataUpdatedAt, queryClient]);

  return { status: status.data, statusError: status.isError ? status.error : undefined };
}
