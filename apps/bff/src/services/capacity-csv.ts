import type { CsvValue } from '@corridor/shared';

/*
 * The column groups every capacity CSV shares (ledger, energy, headroom, N-1, forecast), named once: a
 * sheet cut out of any of them still says what it is of, when it was true and under which fleet and policy.
 */

/** Which row: a site (its name, country and blocs) or a roll-up key (country, bloc, `network`). */
export const ROW_HEAD = ['key', 'site_name', 'country', 'blocs'] as const;

/** When and under which versions the figures were true, on every line. */
export const STAMP = ['as_of', 'fleet_version', 'policy_version'] as const;

export const stampOf = (a: { asOf: string; fleetVersion: string; policyVersion: string }): CsvValue[] => [a.asOf, a.fleetVersion, a.policyVersion];
