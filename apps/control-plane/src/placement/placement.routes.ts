import { Router } from 'express';
import { parseInput } from '@corridor/http-kit';
import { IdempotencyKeySchema, IdSchema, WorkloadFilterSchema, WorkloadRequestSchema, type Policy } from '@corridor/shared';
import { actingAs } from '../auth/errors.ts';
import type { WorkloadService } from './workload-service.ts';

/** Who may call each route: src/auth/route-access.ts. The acting user is the audit log's actor. */
export function placementRoutes({ workloads }: { workloads: WorkloadService }): Router {
  const router = Router();

  router.post('/placements/plan', async (req, res) => {
    const as = actingAs(req);
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    res.json(await workloads.plan(request, as));
  });

  router.post('/workloads', async (req, res) => {
    const as = actingAs(req);
    const header = req.get('idempotency-key');
    const idempotencyKey = header === undefined ? undefined : parseInput(IdempotencyKeySchema, header, 'Idempotency-Key header');
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    const { workload, replayed } = await workloads.commit(request, { ...as, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(`/v1/workloads/${workload.id}`).json(workload);
  });

  router.get('/workloads', async (req, res) => {
    const filter = parseInput(WorkloadFilterSchema, req.query, 'workload filter');
    res.json({ workloads: await workloads.list(filter, actingAs(req)) });
  });

  router.get('/workloads/:id', async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    res.json(await workloads.detail(id, actingAs(req)));
  });

  router.delete('/workloads/:id', async (req, res) => {
    const as = actingAs(req);
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    res.json(await workloads.release(id, as));
  });

  router.get('/capacity', async (_req, res) => {
    res.json(await workloads.capacity());
  });

  router.get('/policy', (_req, res) => {
    const body: Policy = { ...workloads.policy.pack, version: workloads.policy.version };
    res.json(body);
  });

  return router;
}
