import { routeFactory, type RouteDescriptor } from '@corridor/http-kit';
import type { Permission } from '@corridor/shared';

/**
 * Who may call a /v1 route, declared by each route itself. Every /v1 call needs the service credential
 * (only the BFF and the operator's own tooling hold it); on top of it:
 * - `person: 'required'`  a signed acting user must come with the call, holding `permission`;
 * - `person: 'optional'`  the BFF may call on its own (its fleet reads, its ONE live subscription shared
 *                         by every browser), or for a person, who must then hold `permission`;
 * - `person: 'forbidden'` machine work only (telemetry ingest, simulator faults): no person acts here.
 * A tenant user is further confined to its own workloads by the workload service.
 */
export type RouteAccess = { person: 'required'; permission: Permission } | { person: 'optional'; permission?: Permission } | { person: 'forbidden' };

/** Fleet, live and telemetry reads: the BFF alone, or for anyone who may read the fleet. */
export const FLEET_READ = { person: 'optional', permission: 'fleet:read' } as const satisfies RouteAccess;
/** Machine work: telemetry ingest, simulator faults. */
export const MACHINE = { person: 'forbidden' } as const satisfies RouteAccess;
/** Only for a person holding `permission`. */
export const personWith = (permission: Permission) => ({ person: 'required', permission }) as const satisfies RouteAccess;

/** `const route = v1Route<Deps>()`: a /v1 route whose handler needs `Deps` of the control plane. */
export const v1Route = <Deps>() => routeFactory<RouteAccess, Deps>();

/** A /v1 route in a list (src/v1-routes.ts holds the list the app mounts). */
export type V1Route<Deps> = RouteDescriptor<RouteAccess, Deps>;
