import { Router, type Request } from 'express';
import { parseInput } from '@corridor/http-kit';
import { ActorSchema, AuditQuerySchema, IdempotencyKeySchema, IdSchema, WorkloadFilterSchema, WorkloadRequestSchema, type Policy } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { listAudit, verifyAudit } from './audit-log.ts';
import type { WorkloadService } from './workload-service.ts';

function actorOf(req: Request): string {
  const header = req.get('x-corridor-actor');
  return header === undefined ? 'anonymous' : parseInput(ActorSchema, header, 'X-Corridor-Actor header');
}

export function placementRoutes({ workloads, db }: { workloads: WorkloadService; db: Db }): Router {
  const router = Router();

  router.post('/placements/plan', async (req, res) => {
    const actor = actorOf(req);
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    res.json(await workloads.plan(request, actor));
  });

  router.post('/workloads', async (req, res) => {
    const actor = actorOf(req);
    const header = req.get('idempotency-key');
    const idempotencyKey = header === undefined ? undefined : parseInput(IdempotencyKeySchema, header, 'Idempotency-Key header');
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    const { workload, replayed } = await workloads.commit(request, { actor, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(`/v1/workloads/${workload.id}`).json(workload);
  });

  router.get('/workloads', async (req, res) => {
    const filter = parseInput(WorkloadFilterSchema, req.query, 'workload filter');
    res.json({ workloads: await workloads.list(filter) });
  });

  router.get('/workloads/:id', async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    res.json(await workloads.detail(id));
  });

  router.delete('/workloads/:id', async (req, res) => {
    const actor = actorOf(req);
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    res.json(await workloads.release(id, actor));
  });

  router.get('/capacity', async (_req, res) => {
    res.json(await workloads.capacity());
  });

  router.get('/policy', (_req, res) => {
    const body: Policy = { ...workloads.policy.pack, version: workloads.policy.version };
    res.json(body);
  });

  router.get('/audit', async (req, res) => {
    const page = parseInput(AuditQuerySchema, req.query, 'audit query');
    res.json(await listAudit(db, page));
  });

  router.get('/audit/verify', async (_req, res) => {
    res.json(await verifyAudit(db));
  });

  return router;
}
