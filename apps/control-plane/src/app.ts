import express from 'express';
import { accessLog, errorHandler, metricsRouter, mountRoutes, notFound, requestId, routeKey, ServiceMetrics, type Logger } from '@corridor/http-kit';
import { LIMITS, type Readiness } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { AlertService } from './alerts/alert-service.ts';
import type { AuditService } from './audit/audit-service.ts';
import { CapacityService } from './capacity/capacity-service.ts';
import { SovereignCapacityService } from './capacity/headroom-service.ts';
import { accessGate, hasServiceCredential, requireServiceCredential } from './auth/authorize.ts';
import type { EventBus } from './events/event-bus.ts';
import type { LiveState } from './events/live-state.ts';
import type { FleetService } from './fleet/fleet-service.ts';
import { readFleetVersion } from './fleet/fleet-store.ts';
import type { WorkloadService } from './placement/workload-service.ts';
import type { DrainService } from './drain/drain-service.ts';
import type { MaintenanceService } from './maintenance/maintenance-service.ts';
import type { Simulator } from './simulator/simulator.ts';
import type { SeriesService } from './telemetry/series-service.ts';
import type { TelemetryIngest } from './telemetry/telemetry-ingest.ts';
import type { TelemetryStore } from './telemetry/telemetry-store.ts';
import type { TimelineService } from './timeline/timeline-service.ts';
import type { ConfirmDownService } from './confirm-down/confirm-down-service.ts';
import type { PolicyService } from './policy/policy-service.ts';
import { V1_ROUTES, type V1RouteDeps } from './v1-routes.ts';

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
  /** Alerts, silences and the alert rules (GET /v1/alerts, /v1/silences, /v1/alert-rules). */
  alerts: AlertService;
  /** Maintenance windows (GET/POST/DELETE /v1/maintenance). */
  maintenance: MaintenanceService;
  /** Drain plans and drains (POST /v1/sites/:id/drain-plan, /v1/drains). */
  drains: DrainService;
  /** The NOC's timeline (GET /v1/events). */
  timeline: TimelineService;
  /** Operators' confirmations that a site is down (POST/DELETE /v1/sites/:id/confirm-down). */
  confirmDown: ConfirmDownService;
  /** Reloading the policy pack and re-checking the workloads against it (POST /v1/policy/reload). */
  policies: PolicyService;
  /** Absent when the simulator is switched off. */
  simulator?: Simulator;
  /** The BFF's credential (CORRIDOR_SERVICE_TOKEN): every /v1 call needs it. */
  serviceToken: string;
  /** This app's Prometheus registry (GET /metrics); one of its own when absent. */
  metrics?: ServiceMetrics;
}

/**
 * The control plane's HTTP app; server.ts listens. It serves the routes of src/v1-routes.ts, each
 * declared with who may call it; `routes` lists them as `METHOD /path`.
 */
export function createApp({
  db,
  logger,
  fleet,
  bus,
  live,
  ingest: store,
  series,
  audit,
  workloads,
  alerts,
  maintenance,
  drains,
  timeline,
  confirmDown,
  policies,
  simulator,
  serviceToken,
  metrics = new ServiceMetrics('control-plane'),
}: ControlPlaneDeps) {
  const ingest = countedIngest(store, metrics);
  metrics.gauge('corridor_stream_subscribers', 'Clients following GET /v1/stream now (each BFF holds one).', [], (g) => g.set(bus.subscribers));
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId());
  app.use(metrics.middleware());
  app.use(accessLog(logger));
  app.use(metricsRouter(metrics, serviceToken));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // Anyone (a load balancer) learns ready or not; only the service credential learns the store, the fleet
  // version and why not, which would otherwise tell a stranger what runs here and how it fails.
  app.get('/readyz', async (req, res) => {
    const detailed = hasServiceCredential(req, serviceToken);
    try {
      const fleetVersion = await readFleetVersion(db);
      const body: Readiness = { ok: true, store: db.kind, ...(fleetVersion ? { fleetVersion } : {}) };
      res.json(detailed ? body : { ok: true });
    } catch (error) {
      const body: Readiness = { ok: false, store: db.kind, error: (error as Error).message };
      res.status(503).json(detailed ? body : { ok: false });
    }
  });

  // Every /v1 path needs the service credential, known or not; each route then has the gate its access declares.
  const v1 = express.Router();
  v1.use(requireServiceCredential(serviceToken));
  // The capacity ledger reads what placement and telemetry already hold: it needs nothing of its own to start.
  const capacity = new CapacityService({ db, fleet, live, workloads });
  const sovereign = new SovereignCapacityService({ db, fleet, workloads, capacity });
  const deps: V1RouteDeps = {
    fleet,
    bus,
    live,
    ingest,
    series,
    audit,
    workloads,
    maintenance,
    drains,
    alerts,
    timeline,
    capacity,
    sovereign,
    confirmDown,
    policies,
    ...(simulator ? { simulator } : {}),
  };
  mountRoutes(v1, V1_ROUTES, { deps, gate: accessGate({ serviceToken }), bodyParser: express.json({ limit: LIMITS.maxJsonBodyBytes }) });
  app.use('/v1', v1);
  app.use(notFound());
  app.use(errorHandler(logger));
  return Object.assign(app, { routes: V1_ROUTES.map(routeKey) });
}

/** The ingest the HTTP routes call, counting what it accepts and rejects (the simulator's own samples are not counted). */
function countedIngest(ingest: TelemetryIngest, metrics: ServiceMetrics): TelemetryIngest {
  const samples = metrics.counter('corridor_ingest_samples_total', 'Telemetry samples and OTLP data points received over HTTP, by outcome.', ['outcome']);
  return Object.assign(Object.create(ingest) as TelemetryIngest, {
    ingestBatch: async (...args: Parameters<TelemetryIngest['ingestBatch']>) => {
      const result = await ingest.ingestBatch(...args);
      samples.inc({ outcome: 'accepted' }, result.accepted - result.duplicates);
      samples.inc({ outcome: 'duplicate' }, result.duplicates);
      samples.inc({ outcome: 'rejected' }, result.rejected.length);
      return result;
    },
    ingestOtlp: async (...args: Parameters<TelemetryIngest['ingestOtlp']>) => {
      const result = await ingest.ingestOtlp(...args);
      samples.inc({ outcome: 'accepted' }, result.total - result.rejected.length);
      samples.inc({ outcome: 'rejected' }, result.rejected.length);
      return result;
    },
  });
}
