import type { CapacityLedger, CapacityLedgerRow } from '@corridor/shared';

/** The country the site list is filtered on, as the header names it. */
export interface HeaderScope {
  /** ISO 3166-1 alpha-2, as the ledger keys its country rows. */
  country: string;
  /** In the language in force ("Morocco", "Maroc"). */
  name: string;
  /** Sites of that country in the fleet (installed and pipeline). */
  sites: number;
}

/** What the header shows of the capacity ledger: one row (the network's or the country's) and how fresh it is. */
export interface HeaderLedger {
  status: 'loading' | 'ready' | 'unavailable';
  /** The scope's row; absent when ready means the ledger has nothing for that country. */
  row?: CapacityLedgerRow;
  /** Set when a refresh failed and the last figures are kept: when those were read. */
  staleAsOf?: string;
  /** Committed counts the reader's own workloads only (the ledger's tenant audience). */
  ownOnly?: boolean;
}

/** The ledger read as the header needs it: the last answer is kept through a failed refresh, and marked stale. */
export interface LedgerRead {
  data?: CapacityLedger;
  isError: boolean;
}

/**
 * The header's row: the network's (the ledger read with groupBy=network), or the chosen country's (read
 * with groupBy=country). A failed refresh keeps the last figures and says since when they stand.
 */
export function headerLedger(read: LedgerRead, country: string | undefined): HeaderLedger {
  const { data, isError } = read;
  if (!data) return { status: isError ? 'unavailable' : 'loading' };
  const row = country ? data.rows.find((r) => r.key === country) : (data.rows.find((r) => r.key === 'network') ?? data.rows[0]);
  return {
    status: 'ready',
    ...(row ? { row } : {}),
    ...(isError ? { staleAsOf: data.asOf } : {}),
    ...(data.audience === 'tenant' ? { ownOnly: true } : {}),
  };
}
