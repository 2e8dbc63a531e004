import type { Response } from 'express';
import { routeFactory, type RouteDescriptor } from '@corridor/http-kit';
import type { ApiAccess } from '../identity/authorize.ts';

/** `const route = apiRoute<Deps>()`: an /api route whose handler needs `Deps` of the BFF. */
export const apiRoute = <Deps>() => routeFactory<ApiAccess, Deps>();

/** An /api route in a list (src/routes/api-routes.ts holds the list the app mounts and documents). */
export type ApiRoute<Deps> = RouteDescriptor<ApiAccess, Deps>;

/** Every route that asks a control plane may meet one that is down or late (503) or broken (502). */
export const UPSTREAM_ERRORS = [502, 503] as const;

/** Answers about people, workloads and plans change with every write: no cache may keep them. */
export function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}
