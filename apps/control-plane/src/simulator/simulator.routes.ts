import { z } from 'zod';
import { ConflictError, FaultViewSchema, NotFoundError } from '@corridor/shared';
import { FLEET_READ, MACHINE, v1Route } from '../auth/route-access.ts';
import type { LiveState } from '../events/live-state.ts';
import { FaultSchema } from './faults.ts';
import type { Simulator } from './simulator.ts';

export interface SimulatorRouteDeps {
  /** Absent when the simulator is switched off. */
  simulator?: Simulator;
  live: LiveState;
}

const route = v1Route<SimulatorRouteDeps>();

/** Injected faults: listed for anyone who reads the fleet, injected and cleared by the operator's tooling only. */
export const simulatorRoutes = [
  route({
    method: 'get',
    path: '/faults',
    access: FLEET_READ,
    tag: 'simulator',
    summary: 'The faults in effect',
    responses: { 200: { description: 'The faults.', body: z.object({ faults: z.array(FaultViewSchema) }) } },
    handler: ({ deps }) => ({ faults: deps.live.listFaults() }),
  }),
  route({
    method: 'post',
    path: '/faults',
    access: MACHINE,
    tag: 'simulator',
    summary: 'Inject a fault into the simulated telemetry',
    request: { body: { schema: FaultSchema, what: 'fault' } },
    responses: { 201: { description: 'The fault, in effect.', body: FaultViewSchema } },
    errors: [404, 409],
    handler: ({ body, deps }) => {
      if (!deps.simulator) throw new ConflictError('the simulator is off (CORRIDOR_SIMULATOR=off): faults can only be injected into simulated telemetry');
      return deps.simulator.inject(body);
    },
  }),
  route({
    method: 'delete',
    path: '/faults/:id',
    access: MACHINE,
    tag: 'simulator',
    summary: 'Clear a fault',
    request: { params: { id: { schema: z.uuid(), what: 'fault id' } } },
    responses: { 204: { description: 'Cleared.' } },
    errors: [404],
    handler: async ({ params: { id }, res, deps }) => {
      if (!deps.simulator) throw new NotFoundError(`no fault "${id}"`);
      await deps.simulator.clear(id);
      res.status(204).end();
    },
  }),
];
