import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { accessLog, errorHandler, notFound, requestId, type Logger } from '@corridor/http-kit';
import { LIMITS } from '@corridor/shared';
import type { BffConfig } from './config.ts';
import { requireCsrfHeader } from './middleware/csrf.ts';
import { precompressedAssets } from './middleware/precompressed-assets.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { fleetRoutes } from './routes/fleet.routes.ts';
import { openApiRoutes } from './routes/openapi.routes.ts';
import { placementRoutes } from './routes/placement.routes.ts';
import { streamRoutes } from './routes/stream.routes.ts';
import { telemetryRoutes } from './routes/telemetry.routes.ts';
import { FleetService } from './services/fleet-service.ts';
import { PlacementService } from './services/placement-service.ts';
import { StatusService } from './services/status-service.ts';
import { LiveStream, type LiveStreamOptions } from './stream/live-stream.ts';
import { ControlPlaneClient } from './upstream/control-plane-client.ts';

export interface BffDeps {
  config: Pick<BffConfig, 'controlPlaneUrls' | 'webDist' | 'fleetFreshMs' | 'https'>;
  logger: Logger;
  /** Tests may pass clients with a shorter deadline. */
  clients?: ControlPlaneClient[];
  /** Tests may shrink the live stream's buffer, timeouts and backoff. */
  stream?: Partial<LiveStreamOptions>;
}

/** The BFF app (no listen; server.ts listens): /api/* JSON and the built console. */
export function createApp({ config, logger, clients: given, stream }: BffDeps) {
  const clients =
    given ??
    config.controlPlaneUrls.map((url, i) => new ControlPlaneClient({ name: config.controlPlaneUrls.length > 1 ? `control plane ${i + 1}` : 'control plane', url }));
  const fleet = new FleetService(clients, config.fleetFreshMs);
  const live: LiveStream = new LiveStream(clients, logger, stream, () => status.current(0));
  const status = new StatusService(clients, undefined, () => live.status());
  const placement = new PlacementService(clients);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(securityHeaders({ https: config.https }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  const api = express.Router();
  api.use(requireCsrfHeader());
  api.use(express.json({ limit: LIMITS.maxJsonBodyBytes }));
  api.use(fleetRoutes({ fleet, status }));
  api.use(telemetryRoutes({ clients }));
  api.use(streamRoutes({ live }));
  api.use(placementRoutes({ placement }));
  api.use(openApiRoutes());
  api.use(notFound());
  app.use('/api', api);

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

  return Object.assign(app, { close: () => Promise.all([live.close(), ...clients.map((c) => c.close())]).then(() => undefined) });
}
