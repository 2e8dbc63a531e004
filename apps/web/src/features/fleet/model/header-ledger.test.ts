import type { CapacityLedger, CapacityLedgerRow } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { headerLedger } from './header-ledger.ts';

const row = (key: string) => ({ key }) as CapacityLedgerRow;
const ledger = (rows: CapacityLedgerRow[], audience: CapacityLedger['audience'] = 'fleet') => ({ asOf: '2026-12-03T09:00:00Z', audience, rows }) as CapacityLedger;

describe('the header’s ledger row', () => {
  it('is the network’s without a country, the country’s with one, and none for a country the ledger lacks', () => {
    expect(headerLedger({ data: ledger([row('network')]), isError: false }, undefined)).toEqual({ status: 'ready', row: row('network') });
    expect(headerLedger({ data: ledger([row('FR'), row('MA')]), isError: false }, 'MA').row).toEqual(row('MA'));
    expect(headerLedger({ data: ledger([row('FR')]), isError: false }, 'SN')).toEqual({ status: 'ready' });
  });

  it('keeps the last figures through a failed refresh and says since when; unavailable only when none came', () => {
    expect(headerLedger({ data: ledger([row('network')]), isError: true }, undefined)).toEqual({ status: 'ready', row: row('network'), staleAsOf: '2026-12-03T09:00:00Z' });
    expect(headerLedger({ isError: true }, undefined)).toEqual({ status: 'unavailable' });
    expect(headerLedger({ isError: false }, undefined)).toEqual({ status: 'loading' });
  });

  it('marks a tenant’s committed as its own', () => {
    expect(headerLedger({ data: ledger([row('network')], 'tenant'), isError: false }, undefined).ownOnly).toBe(true);
  });
});
