import type { ApiRoute } from './api-route.ts';
import { alertRoutes, type AlertRouteDeps } from './alerts.routes.ts';
import { auditRoutes, type AuditRouteDeps } from './audit.routes.ts';
import { capacityRoutes, type CapacityRouteDeps } from './capacity.routes.ts';
import { capacitySovereignRoutes, type SovereignCapacityRouteDeps } from './capacity-sovereign.routes.ts';
import { fleetRoutes, type FleetRouteDeps } from './fleet.routes.ts';
import { maintenanceRoutes, type MaintenanceRouteDeps } from './maintenance.routes.ts';
import { oidcRoutes, type OidcRouteDeps } from './oidc.routes.ts';
import { openApiRoutes, type OpenApiRouteDeps } from './openapi.routes.ts';
import { placementRoutes, type PlacementRouteDeps } from './placement.routes.ts';
import { batchPlanRoutes, type BatchPlanRouteDeps } from './batch-plan.routes.ts';
import { policyRoutes, type PolicyRouteDeps } from './policy.routes.ts';
import { sessionRoutes, type SessionRouteDeps } from './session.routes.ts';
import { streamRoutes, type StreamRouteDeps } from './stream.routes.ts';
import { telemetryRoutes, type TelemetryRouteDeps } from './telemetry.routes.ts';
import { timelineRoutes, type TimelineRouteDeps } from './timeline.routes.ts';
import { tokenRoutes, type TokenRouteDeps } from './tokens.routes.ts';
import { userRoutes, type UserRouteDeps } from './users.routes.ts';

/** Everything the /api routes' handlers need of the BFF. */
export type ApiRouteDeps = FleetRouteDeps &
  StreamRouteDeps &
  TelemetryRouteDeps &
  PlacementRouteDeps &
  BatchPlanRouteDeps &
  PolicyRouteDeps &
  AuditRouteDeps &
  AlertRouteDeps &
  TimelineRouteDeps &
  CapacityRouteDeps &
  SovereignCapacityRouteDeps &
  MaintenanceRouteDeps &
  SessionRouteDeps &
  OidcRouteDeps &
  UserRouteDeps &
  TokenRouteDeps &
  OpenApiRouteDeps;

/**
 * Every /api route: what the app mounts (src/app.ts) and what the OpenAPI document lists (src/openapi.ts),
 * in the document's order. Adding a route is adding its declaration to one of these lists.
 */
export const API_ROUTES: readonly ApiRoute<ApiRouteDeps>[] = [
  ...fleetRoutes,
  ...streamRoutes,
  ...telemetryRoutes,
  ...placementRoutes,
  ...batchPlanRoutes,
  ...policyRoutes,
  ...auditRoutes,
  ...alertRoutes,
  ...timelineRoutes,
  ...capacityRoutes,
  ...capacitySovereignRoutes,
  ...maintenanceRoutes,
  ...sessionRoutes,
  ...oidcRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...openApiRoutes,
];

/** The OpenID Connect routes, mounted only when a provider is configured. */
export const OIDC_ROUTES: readonly ApiRoute<ApiRouteDeps>[] = oidcRoutes;
