import express from 'express';
import { accessLog, errorHandler, notFound, requestId, type Logger } from '@corridor/http-kit';
import { LIMITS, type Readiness } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { EventBus } from './events/event-bus.ts';
import type { LiveState } from './events/live-state.ts';
import { streamRoutes } from './events/stream.routes.ts';
import type { FleetService } from './fleet/fleet-service.ts';
import { placementRoutes } from './placement/placement.routes.ts';
import type { WorkloadService } from './placement/workload-service.ts';
import { fleetRoutes } from './fleet/fleet.routes.ts';
import { readFleetVersion } from './fleet/fleet-store.ts';
import type { Simulator } from './simulator/simulator.ts';
import { simulatorRoutes } from './simulator/simulator.routes.ts';
import type { TelemetryStore } from './telemetry/telemetry-store.ts';
import { telemetryRoutes } from './telemetry/telemetry.routes.ts';

export interface ControlPlaneDeps {
  db: Db;
  logger: Logger;
  fleet: FleetService;
  bus: EventBus;
  live: LiveState;
  telemetry: TelemetryStore;
  workloads: WorkloadService;
  /** Absent when the simulator is switched off. */
  simulator?: Simulator;
}

/** The control plane's HTTP app; server.ts listens. */
export function createApp({ db, logger, fleet, bus, live, telemetry, workloads, simulator }: ControlPlaneDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId());
  app.use(accessLog(logger));

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

  // Telemetry ingest parses its own (larger) bodies, so it goes before the general JSON parser.
  app.use('/v1', telemetryRoutes({ telemetry, live }));
  app.use(express.json({ limit: LIMITS.maxJsonBodyBytes }));
  app.use('/v1', fleetRoutes({ fleet }));
  app.use('/v1', streamRoutes({ bus, live }));
  app.use('/v1', simulatorRoutes({ simulator, live }));
  app.use('/v1', placementRoutes({ workloads, db }));
  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
