import express from 'express';
import { accessLog, errorHandler, notFound, requestId, type Logger } from '@corridor/http-kit';
import { LIMITS, type Readiness } from '@corridor/shared';
import type { Db } from './store/db.ts';
import { FleetService } from './fleet/fleet-service.ts';
import { fleetRoutes } from './fleet/fleet.routes.ts';
import { readFleetVersion } from './fleet/fleet-store.ts';

export interface ControlPlaneDeps {
  db: Db;
  logger: Logger;
}

/** The control plane's HTTP app; server.ts listens. */
export function createApp({ db, logger }: ControlPlaneDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(express.json({ limit: LIMITS.maxJsonBodyBytes }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const fleetVersion = await readFleetVersion(db);
      const body: Readiness = { ok: true, store: db.kind, ...(fleetVersion ? { fleetVersion } : {}) };
      res.json(body);
    } catch (error) {
      const body: Readiness = { ok: false, store: db.kind, error: (error as Error).message };
      res.status(503).json(body);
    }
  });

  app.use('/v1', fleetRoutes({ fleet: new FleetService(db) }));
  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
