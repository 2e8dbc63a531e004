import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AuditQuerySchema, IdempotencyKeySchema, IdSchema, WorkloadFilterSchema, WorkloadRequestSchema, type Principal } from '@corridor/shared';
import { parseInput } from '@corridor/http-kit';
import { requirePermission } from '../identity/authorize.ts';
import type { PlacementService } from '../services/placement-service.ts';

const CommitHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

/** Workloads, plans and the audit change with every commit: never cached. */
const fresh = (res: Response) => res.set('Cache-Control', 'no-store');

/** Who acts: always set behind `requirePermission`. */
const viewer = (req: Request): Principal => req.principal!;

/**
 * Placement: `POST /api/placements/plan` (dry run), `POST /api/workloads` (plan and commit, honours
 * Idempotency-Key, 409 with the plan), `GET /api/workloads[/:id]`, `DELETE /api/workloads/:id` (release),
 * `GET /api/capacity`, `GET /api/policy`, `GET /api/audit`, `GET /api/audit/verify`. The permission is
 * checked first, then every input is parsed, so a bad one never reaches the control plane; tenants are
 * confined to their own workloads by the service.
 */
export function placementRoutes({ placement }: { placement: PlacementService }): Router {
  const router = Router();

  router.post('/placements/plan', requirePermission('placement:plan'), async (req, res) => {
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    fresh(res).json(await placement.plan(request, viewer(req)));
  });

  router.post('/workloads', requirePermission('workloads:write'), async (req, res) => {
    const request = parseInput(WorkloadRequestSchema, req.body, 'workload request');
    const headers = parseInput(CommitHeadersSchema, req.headers, 'headers');
    fresh(res).status(201).json(await placement.commit(request, viewer(req), headers['idempotency-key']));
  });

  router.get('/workloads', requirePermission('workloads:read'), async (req, res) => {
    const filter = parseInput(WorkloadFilterSchema, req.query, 'workload filter');
    fresh(res).json(await placement.list(filter, viewer(req)));
  });

  router.get('/workloads/:id', requirePermission('workloads:read'), async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    fresh(res).json(await placement.detail(id, viewer(req)));
  });

  router.delete('/workloads/:id', requirePermission('workloads:write'), async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, 'workload id');
    fresh(res).json(await placement.release(id, viewer(req)));
  });

  router.get('/capacity', requirePermission('fleet:read'), async (_req, res) => {
    fresh(res).json(await placement.capacity());
  });

  router.get('/policy', requirePermission('fleet:read'), async (_req, res) => {
    fresh(res).json(await placement.policy());
  });

  router.get('/audit', requirePermission('audit:read'), async (req, res) => {
    const query = parseInput(AuditQuerySchema, req.query, 'audit query');
    fresh(res).json(await placement.audit(query));
  });

  router.get('/audit/verify', requirePermission('audit:read'), async (_req, res) => {
    fresh(res).json(await placement.verifyAudit());
  });

  return router;
}
