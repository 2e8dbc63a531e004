import { CapacityLedgerSchema, type LedgerGroupBy } from '@corridor/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/*
 * The ledger read alone, for what loads with the console's first page (the header, the site panel, the
 * capacity follower); capacity-queries.ts spreads these keys, so one key still refreshes every ledger read.
 */
export const ledgerKeys = {
  all: () => ['capacity'] as const,
  ledgers: () => [...ledgerKeys.all(), 'ledger'] as const,
};

export const ledgerQuery = (groupBy: LedgerGroupBy) =>
  queryOptions({
    queryKey: [...ledgerKeys.ledgers(), groupBy] as const,
    queryFn: ({ signal }) => apiGet(`/api/capacity/ledger?groupBy=${groupBy}`, CapacityLedgerSchema, signal),
    // Live follows the stream; between events a figure this old is still the ledger's.
    staleTime: 5_000,
  });
