import { alertRoutes, type AlertRouteDeps } from './alerts/alerts.routes.ts';
import { auditRoutes, type AuditRouteDeps } from './audit/audit.routes.ts';
import { capacityRoutes, type CapacityRouteDeps } from './capacity/capacity.routes.ts';
import { sovereignCapacityRoutes, type SovereignCapacityRouteDeps } from './capacity/sovereign-capacity.routes.ts';
import { confirmDownRoutes, type ConfirmDownRouteDeps } from './confirm-down/confirm-down.routes.ts';
import type { V1Route } from './auth/route-access.ts';
import { streamRoutes, type StreamRouteDeps } from './events/stream.routes.ts';
import { drainRoutes, type DrainRouteDeps } from './drain/drain.routes.ts';
import { fleetRoutes, type FleetRouteDeps } from './fleet/fleet.routes.ts';
import { maintenanceRoutes, type MaintenanceRouteDeps } from './maintenance/maintenance.routes.ts';
import { placementRoutes, type PlacementRouteDeps } from './placement/placement.routes.ts';
import { policyRoutes, type PolicyRouteDeps } from './policy/policy.routes.ts';
import { simulatorRoutes, type SimulatorRouteDeps } from './simulator/simulator.routes.ts';
import { telemetryRoutes, type TelemetryRouteDeps } from './telemetry/telemetry.routes.ts';
import { timelineRoutes, type TimelineRouteDeps } from './timeline/timeline.routes.ts';

/** Everything the /v1 routes' handlers need of the control plane. */
export type V1RouteDeps = FleetRouteDeps &
  StreamRouteDeps &
  SimulatorRouteDeps &
  TelemetryRouteDeps &
  PlacementRouteDeps &
  AuditRouteDeps &
  AlertRouteDeps &
  MaintenanceRouteDeps &
  DrainRouteDeps &
  TimelineRouteDeps &
  CapacityRouteDeps &
  SovereignCapacityRouteDeps &
  ConfirmDownRouteDeps &
  PolicyRouteDeps;

/**
 * Every /v1 route, each with who may call it: the app mounts this list and nothing else, so a route
 * without its access declared cannot be served. test/route-access.test.ts calls every one as every
 * kind of caller, against a table written out by hand.
 */
export const V1_ROUTES: readonly V1Route<V1RouteDeps>[] = [
  ...fleetRoutes,
  ...streamRoutes,
  ...simulatorRoutes,
  ...telemetryRoutes,
  ...placementRoutes,
  ...auditRoutes,
  ...maintenanceRoutes,
  ...drainRoutes,
  ...alertRoutes,
  ...timelineRoutes,
  ...capacityRoutes,
  ...sovereignCapacityRoutes,
  ...confirmDownRoutes,
  ...policyRoutes,
];
