import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { accessLog, errorHandler, metricsRouter, mountRoutes, notFound, requestId, ServiceMetrics, type Logger } from '@corridor/http-kit';
import { LIMITS } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { BffConfig } from './config.ts';
import { accessGate, authenticate, requireSignIn, stillSignedIn } from './identity/authorize.ts';
import { createIdentity, type Identity } from './identity/identity.ts';
import type { ThrottleOptions } from './identity/login-throttle.ts';
import { oidcProvidersEntry } from './identity/oidc-config.ts';
import { createOidcSignIn } from './identity/oidc.ts';
import { DEMO_USERS } from './identity/user-sources.ts';
import { requireCsrfHeader } from './middleware/csrf.ts';
import { precompressedAssets } from './middleware/precompressed-assets.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { API_ROUTES, OIDC_ROUTES, type ApiRouteDeps } from './routes/api-routes.ts';
import { SIGN_IN_RECHECK_MS } from './routes/stream.routes.ts';
import { AlertService } from './services/alert-service.ts';
import { AuditService } from './services/audit-service.ts';
import { FleetService } from './services/fleet-service.ts';
import { MaintenanceService } from './services/maintenance-service.ts';
import { PlacementService } from './services/placement-service.ts';
import { BatchPlanService } from './services/batch-plan-service.ts';
import { PolicyService } from './services/policy-service.ts';
import { SeriesService } from './services/series-service.ts';
import { StatusService } from './services/status-service.ts';
import { TimelineService } from './services/timeline-service.ts';
import { CapacityService } from './services/capacity-service.ts';
import { SovereignCapacityService } from './services/capacity-sovereign-service.ts';
import { LiveStream, type LiveStreamOptions } from './stream/live-stream.ts';
import type { ControlPlaneClient } from './upstream/control-plane-client.ts';
import { ControlPlaneSet } from './upstream/control-plane-set.ts';
import { bffMetrics } from './stream/bff-metrics.ts';

export interface BffDeps {
  config: Pick<BffConfig, 'controlPlaneUrls' | 'webDist' | 'fleetFreshMs' | 'https' | 'trustProxy' | 'production' | 'sessionIdleMs' | 'sessionMaxMs' | 'serviceToken' | 'oidc'>;
  logger: Logger;
  /** The BFF's own store (openIdentityStore), migrated; its owner closes it. */
  db: Db;
  /** The control planes; built from `config.controlPlaneUrls` when absent. */
  controlPlanes?: ControlPlaneSet;
  /** Tests may pass clients with a shorter deadline instead (a set is made of them, in their order). */
  clients?: ControlPlaneClient[];
  /** Tests may shrink the live stream's buffer, timeouts and backoff. */
  stream?: Partial<LiveStreamOptions>;
  /** Tests move time (session expiry, login backoff). */
  now?: () => number;
  /** Tests shorten the login backoff. */
  throttle?: Partial<ThrottleOptions>;
  /** Tests check sooner that an open stream's sign-in still holds. */
  streamRecheckMs?: number;
  /** This app's Prometheus registry (GET /metrics); one of its own when absent. */
  metrics?: ServiceMetrics;
}

/** The BFF app (no listen; server.ts listens): /api/* JSON and the built console. */
export function createApp({ config, logger, db, controlPlanes, clients, stream, now, throttle, streamRecheckMs, metrics = new ServiceMetrics('bff') }: BffDeps) {
  // Which control plane answers what (placement, audit, a site's series) is the set's to say, nowhere else.
  const planes = controlPlanes ?? (clients ? new ControlPlaneSet(clients) : ControlPlaneSet.fromUrls(config.controlPlaneUrls, config.serviceToken));
  const identity = createIdentity({
    db,
    planes,
    logger,
    sessionIdleMs: config.sessionIdleMs,
    sessionMaxMs: config.sessionMaxMs,
    https: config.https,
    ...(now ? { now } : {}),
    ...(throttle ? { throttle } : {}),
  });
  const fleet = new FleetService(planes, config.fleetFreshMs);
  const live: LiveStream = new LiveStream(planes, logger, stream, () => status.current(0));
  const status = new StatusService(planes, undefined, () => live.status());
  const placement = new PlacementService(planes);
  const batchPlans = new BatchPlanService(planes);
  const policies = new PolicyService(planes);
  const audit = new AuditService(planes);
  const alerts = new AlertService(planes);
  const series = new SeriesService(planes);
  const timeline = new TimelineService(planes);
  const capacity = new CapacityService(planes);
  const sovereign = new SovereignCapacityService(planes);
  const maintenance = new MaintenanceService(planes);
  bffMetrics(metrics, planes, live);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The client's address (login throttle, audit) from X-Forwarded-For, only through the proxies configured.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(requestId());
  app.use(metrics.middleware());
  app.use(accessLog(logger));
  app.use(securityHeaders({ https: config.https }));
  // Outside /api: the service token or this host, never a console session (see metricsAccess).
  app.use(metricsRouter(metrics, config.serviceToken));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use(
    '/api',
    apiRouter({
      config,
      logger,
      identity,
      services: { fleet, status, live, placement, batchPlans, policies, audit, alerts, series, timeline, maintenance, capacity, sovereign },
      ...(streamRecheckMs ? { streamRecheckMs } : {}),
    }),
  );

  if (existsSync(join(config.webDist, 'index.html'))) {
    // Hashed assets never change; index.html is revalidated so a new build is picked up at once.
    app.use('/assets', precompressedAssets(join(config.webDist, 'assets')));
    app.use('/assets', express.static(join(config.webDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(config.webDist, { index: false, maxAge: 0 }));
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(config.webDist, 'index.html'));
    });
  } else {
    logger.warn({ webDist: config.webDist }, 'no built console found; serving the API only (run the web build)');
  }
  app.use(notFound());
  app.use(errorHandler(logger));

  return Object.assign(app, { identity, close: () => Promise.all([live.close(), planes.close()]).then(() => undefined) });
}

/** The services every /api route may call: built once in createBffApp, handed to the routes as they are. */
interface ApiServices {
  fleet: FleetService;
  status: StatusService;
  live: LiveStream;
  placement: PlacementService;
  batchPlans: BatchPlanService;
  policies: PolicyService;
  audit: AuditService;
  alerts: AlertService;
  series: SeriesService;
  timeline: TimelineService;
  maintenance: MaintenanceService;
  capacity: CapacityService;
  sovereign: SovereignCapacityService;
}

interface ApiDeps {
  config: BffDeps['config'];
  logger: Logger;
  identity: Identity;
  services: ApiServices;
  streamRecheckMs?: number;
}

/**
 * /api: CSRF first (before any body is read), then who is acting, then every route of src/routes/api-routes.ts,
 * each behind the gate its access declares; a path no route takes is refused to the anonymous (401) before
 * it is called unknown (404), so nothing about /api is open by default.
 */
function apiRouter({ config, logger, identity, services, streamRecheckMs = SIGN_IN_RECHECK_MS }: ApiDeps) {
  const api = express.Router();
  api.use(requireCsrfHeader());
  api.use(authenticate(identity));
  api.use(express.json({ limit: LIMITS.maxJsonBodyBytes }));

  const oidcEntry = oidcProvidersEntry(config.oidc);
  const oidc = config.oidc && createOidcSignIn({ config: config.oidc, sessions: identity.sessions, audit: identity.audit, logger, transactionSecret: config.serviceToken });
  let openApiJson: string | undefined;
  const deps: ApiRouteDeps = {
    ...services,
    identity,
    logger,
    loginProviders: { ...(oidcEntry ? { oidc: oidcEntry } : {}), ...(config.production ? {} : { demoUsers: DEMO_USERS.map((u) => u.username) }) },
    stillSignedIn: stillSignedIn(identity),
    streamRecheckMs,
    openApiJson: () => (openApiJson ??= JSON.stringify(buildOpenApiDocument())),
    ...(oidc ? { oidc } : {}),
  };
  mountRoutes(api, oidc ? API_ROUTES : API_ROUTES.filter((r) => !OIDC_ROUTES.includes(r)), { deps, gate: accessGate });
  api.use(requireSignIn());
  api.use(notFound());
  return api;
}
