import { Router, type Request } from 'express';
import { z } from 'zod';
import { parseInput } from '@corridor/http-kit';
import { IdSchema, WorkloadFilterSchema, WorkloadRequestSchema, type Policy } from '@corridor/shared';
import type { Db } from '../store/db.ts';
import { listAudit, verifyAudit } from './audit-log.ts';
import type { WorkloadService } from './workload-service.ts';

/**
 * PostgreSQL text and jsonb cannot hold U+0000: refuse it at the edge with the field's name rather
 * than fail in the store. (Every other string of the request is a slug or an enum.)
 */
const StorableRequestSchema = WorkloadRequestSchema.superRefine((request, ctx) => {
  const message = 'must not contain the NUL character';
  if (request.name.includes('\u0000')) ctx.addIssue({ code: 'custom', path: ['name'], message });
  const from = request.latency?.from;
  if (typeof from === 'string' && from.includes('\u0000')) ctx.addIssue({ code: 'custom', path: ['latency', 'from'], message });
});

/** Who is acting, until identity arrives: a name a log line can carry safely. */
const ActorSchema = z.string().regex(/^[\w.@:-]{1,64}$/, 'must be 1–64 letters, digits or . _ @ : -');
/** Printable ASCII, as the Idempotency-Key header draft expects. */
const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 printable ASCII characters');
const AuditPageSchema = z.object({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function actorOf(req: Request): string {
  const header = req.get('x-corridor-actor');
  return header === undefined ? 'anonymous' : parseInput(ActorSchema, header, 'X-Corridor-Actor header');
}

export function placementRoutes({ workloads, db }: { workloads: WorkloadService; db: Db }): Router {
  const router = Router();

  router.post('/placements/plan', async (req, res) => {
    const actor = actorOf(req);
    const request = parseInput(StorableRequestSchema, req.body, 'workload request');
    res.json(await workloads.plan(request, actor));
  });

  router.post('/workloads', async (req, res) => {
    const actor = actorOf(req);
    const header = req.get('idempotency-key');
    const idempotencyKey = header === undefined ? undefined : parseInput(IdempotencyKeySchema, header, 'Idempotency-Key header');
    const request = parseInput(StorableRequestSchema, req.body, 'workload request');
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
    const page = parseInput(AuditPageSchema, req.query, 'audit query');
    res.json(await listAudit(db, page));
  });

  router.get('/audit/verify', async (_req, res) => {
    res.json(await verifyAudit(db));
  });

  return router;
}
