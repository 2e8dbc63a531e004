import type { CapacityLedger, CapacityLedgerRow, LedgerGpus, LedgerMw } from '@corridor/shared';

/** A country of the ledger with its sites: the country → site table's rows. */
export interface CountryBranch {
  country: string;
  row: CapacityLedgerRow;
  sites: CapacityLedgerRow[];
}

/** The figures the ledger table shows, in its column order (each in MW and GPUs). */
export const LEDGER_COLUMNS = ['installed', 'committed', 'inUse', 'outOfService', 'free', 'stranded', 'pipeline'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

const byInstalledThenPipeline = (a: CapacityLedgerRow, b: CapacityLedgerRow) => b.mw.installed - a.mw.installed || b.mw.pipeline - a.mw.pipeline || a.key.localeCompare(b.key);

/**
 * Countries (largest installed first) each with its sites (largest first), from the ledger read by
 * country and by site. A site whose country has no row of its own still shows, under a row built from it.
 */
export function ledgerTree(countries: CapacityLedger, sites: CapacityLedger | undefined): CountryBranch[] {
  const bySiteCountry = new Map<string, CapacityLedgerRow[]>();
  for (const row of sites?.rows ?? []) {
    const country = row.site?.country;
    if (!country) continue;
    const list = bySiteCountry.get(country) ?? [];
    list.push(row);
    bySiteCountry.set(country, list);
  }
  const branches = countries.rows.map((row) => ({ country: row.key, row, sites: (bySiteCountry.get(row.key) ?? []).sort(byInstalledThenPipeline) }));
  return branches.sort((a, b) => byInstalledThenPipeline(a.row, b.row));
}

/** MW of one column of a row; `inUse` is measured (null when no site reports). */
export function mwOf(row: CapacityLedgerRow, column: LedgerColumn): number | null {
  if (column === 'inUse') return row.inUse.itMw;
  return row.mw[column as keyof LedgerMw];
}

/** GPUs of one column of a row; `inUse` is the GPUs busy (measured). */
export function gpusOf(row: CapacityLedgerRow, column: LedgerColumn): number | null {
  if (column === 'inUse') return row.inUse.gpusBusy;
  return row.gpus[column as keyof LedgerGpus];
}

/** The network's row: the ledger read with groupBy=network, else the countries added up (MW and GPUs only). */
export function networkRow(network: CapacityLedger | undefined): CapacityLedgerRow | undefined {
  return network?.rows.find((r) => r.key === 'network') ?? network?.rows[0];
}

/** The N-1 default: the largest installed site by IT MW, then GPUs. */
export function largestSite(sites: CapacityLedger | undefined): CapacityLedgerRow | undefined {
  let best: CapacityLedgerRow | undefined;
  for (const row of sites?.rows ?? []) {
    if (!row.site || row.mw.installed <= 0) continue;
    if (!best || row.mw.installed > best.mw.installed || (row.mw.installed === best.mw.installed && row.gpus.installed > best.gpus.installed)) best = row;
  }
  return best;
}
