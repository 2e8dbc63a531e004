import { Router, type Response } from 'express';
import { z } from 'zod';
import { AuditQuerySchema, IdempotencyKeySchema, IdSchema, WorkloadFilterSchema, WorkloadRequestSchema } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import type { PlacementService } from '../services/placement-service.ts';

/** Who acts, until the BFF has sessions (the identity issue puts the signed-in user here). */
const ACTOR = 'anonymous';

const CommitHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

/** Workloads, plans and the audit change with every commit: never cached. */
const fresh = (res: Response) => res.set('Cache-Control', 'no-store');

/**
 * Placement: `POST /api/placements/plan` (dry run), `POST /api/workloads` (plan and commit, honours
 * Idempotency-Key, 409 with the plan), `GET /api/workloads[/:id]`, `DELETE /api/workloads/:id` (release),
 * `GET /api/capacity`, `GET /api/policy`, `GET /api/audit`, `GET /api/audit/verify`. Every input is
 * parsed here first, so a bad one never reaches the control plane.
 */
export function placementRoutes({ placement }: { placement: PlacementService }): Router {
  const router = Router();

  router.post('/placements/plan', async (req, res) => {
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    fresh(res).json(await placement.plan(request, ACTOR));
  });

  router.post('/workloads', async (req, res) => {
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    const headers = parseInput(CommitHeadersSchema, req.headers, 'headers');
    fresh(res).status(201).json(await placement.commit(request, ACTOR, headers['idempotency-key']));
  });

  router.get('/workloads', async (req, res) => {
    const filter = parseInput(WorkloadFilterSchema, req.query, 'workload filter');
    fresh(res).json(await placement.list(filter));
  });

  router.get('/workloads/:id', async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    fresh(res).json(await placement.detail(id));
  });

  router.delete('/workloads/:id', async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    fresh(res).json(await placement.release(id, ACTOR));
  });

  router.get('/capacity', async (_req, res) => {
    fresh(res).json(await placement.capacity());
  });

  router.get('/policy', async (_req, res) => {
    fresh(res).json(await placement.policy());
  });

  router.get('/audit', async (req, res) => {
    const query = parseInput(AuditQuerySchema, req.query, 'audit query');
    fresh(res).json(await placement.audit(query));
  });

  router.get('/audit/verify', async (_req, res) => {
    fresh(res).json(await placement.verifyAudit());
  });

  return router;
}
