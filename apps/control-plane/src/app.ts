import express from 'express';
import { accessLog, errorHandler, notFound, requestId, type Logger } from '@corridor/http-kit';
import { LIMITS, type Readiness } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { AuditService } from './audit/audit-service.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authorizeV1 } from './auth/authorize.ts';
import { ROUTE_ACCESS, assertEveryRouteHasAccess, routesOf } from './auth/route-access.ts';
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
import type { SeriesService } from './telemetry/series-service.ts';
import type { TelemetryIngest } from './telemetry/telemetry-ingest.ts';
import type { TelemetryStore } from './telemetry/telemetry-store.ts';
import { telemetryRoutes } from './telemetry/telemetry.routes.ts';

export interface ControlPlaneDeps {
  db: Db;
  logger: Logger;
  fleet: FleetService;
  bus: EventBus;
  live: LiveState;
  telemetry: TelemetryStore;
  /** The one telemetry ingest: `POST /v1/telemetry`, `POST /v1/metrics` and the simulator all go through it. */
  ingest: TelemetryIngest;
  /** Series reads of a site or link. */
  series: SeriesService;
  /** The hash-chained audit log: list, verify, record a sign-in. */
  audit: AuditService;
  workloads: WorkloadService;
  /** Absent when the simulator is switched off. */
  simulator?: Simulator;
  /** The BFF's credential (CORRIDOR_SERVICE_TOKEN): every /v1 call needs it. */
  serviceToken: string;
}

/**
 * The control plane's HTTP app; server.ts listens. `routes` lists every /v1 route as `METHOD /path`,
 * read from the routers themselves; each must have its rule in src/auth/route-access.ts or the app
 * refuses to be built.
 */
export function createApp({ db, logger, fleet, bus, live, telemetry, workloads, simulator, serviceToken }: ControlPlaneDeps) {
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
  const ingest = telemetryRoutes({ telemetry, live });
  const v1 = [fleetRoutes({ fleet }), streamRoutes({ bus, live }), simulatorRoutes({ simulator, live }), placementRoutes({ workloads }), auditRoutes({ db })];
  const routes = routesOf([ingest, ...v1]);
  assertEveryRouteHasAccess(routes, ROUTE_ACCESS);

  app.use('/v1', authorizeV1({ serviceToken }));
  app.use('/v1', ingest);
  app.use(express.json({ limit: LIMITS.maxJsonBodyBytes }));
  for (const router of v1) app.use('/v1', router);
  app.use(notFound());
  app.use(errorHandler(logger));
  return Object.assign(app, { routes });
}
