import { Router } from 'express';
import { parseInput } from '@corridor/http-kit';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '@corridor/shared';
import { FaultSchema } from './faults.ts';
import type { Simulator } from './simulator.ts';
import type { LiveState } from '../events/live-state.ts';

export function simulatorRoutes({ simulator, live }: { simulator: Simulator | undefined; live: LiveState }): Router {
  const router = Router();

  router.get('/faults', (_req, res) => {
    res.json({ faults: live.listFaults() });
  });

  router.post('/faults', async (req, res) => {
    const input = parseInput(FaultSchema, req.body, 'fault');
    if (!simulator) throw new ConflictError('the simulator is off (CORRIDOR_SIMULATOR=off): faults can only be injected into simulated telemetry');
    res.status(201).json(await simulator.inject(input));
  });

  router.delete('/faults/:id', async (req, res) => {
    const id = parseInput(z.uuid(), req.params.id, 'fault id');
    if (!simulator) throw new NotFoundError(`no fault "${id}"`);
    await simulator.clear(id);
    res.status(204).end();
  });

  return router;
}
