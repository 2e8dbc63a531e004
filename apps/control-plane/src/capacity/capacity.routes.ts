import { CapacityLedgerQuerySchema, CapacityLedgerSchema, EnergyQuerySchema, EnergyReportSchema } from '@corridor/shared';
import { actingAs } from '../auth/acting-as.ts';
import { FLEET_READ, personWith, v1Route } from '../auth/route-access.ts';
import type { CapacityService } from './capacity-service.ts';

export interface CapacityRouteDeps {
  capacity: CapacityService;
}

const route = v1Route<CapacityRouteDeps>();

/** The capacity ledger and energy of this control plane's sites (a BFF merges several and rolls up). */
export const capacityRoutes = [
  route({
    method: 'get',
    path: '/capacity/ledger',
    // A person: a tenant's committed figures are its own workloads' only, so who asks must be known.
    access: personWith('fleet:read'),
    tag: 'capacity',
    summary: 'The capacity ledger: installed, committed, in use, out of service, free, stranded, pipeline',
    request: { query: { schema: CapacityLedgerQuerySchema, what: 'ledger query', notes: { groupBy: '`site` (default), `country`, `bloc` or `network`.' } } },
    responses: { 200: { description: 'The ledger as of now.', body: CapacityLedgerSchema } },
    handler: ({ query, req, deps }) => deps.capacity.ledger(query, actingAs(req)),
  }),
  route({
    method: 'get',
    path: '/capacity/energy',
    access: FLEET_READ,
    tag: 'capacity',
    summary: 'Energy over a period from the hourly rollups: MWh, PUE, solar, renewable share, tCO2e',
    request: { query: { schema: EnergyQuerySchema, what: 'energy query' } },
    responses: { 200: { description: 'Energy per site or rolled up.', body: EnergyReportSchema } },
    handler: ({ query, deps }) => deps.capacity.energy(query),
  }),
];
