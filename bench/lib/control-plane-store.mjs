// A control plane's store for the benchmarks that time its services in process (no HTTP): the modules
// they import, and a fresh store migrated and holding a given fleet.
import { register } from 'tsx/esm/api';

register();
const src = new URL('../../apps/control-plane/src/', import.meta.url);
const load = (path) => import(new URL(path, src).href);

export const { openDb } = await import(new URL('../../packages/store/src/db.ts', import.meta.url).href);
const { migrate } = await load('store/migrate.ts');
const { syncFleet } = await load('fleet/fleet-store.ts');
export const { FleetService } = await load('fleet/fleet-service.ts');
export const { CapacityService } = await load('capacity/capacity-service.ts');
export const shared = await import(new URL('../../packages/shared/src/index.ts', import.meta.url).href);
export { load as controlPlaneModule };

/** A fresh store (`onBothStores`' options), migrated and holding `fleetFile` as version `version`. */
export async function openFleetStore(options, fleetFile, version) {
  const db = await openDb(options);
  try {
    await migrate(db);
    await syncFleet(db, shared.FleetFileSchema.parse(fleetFile), version);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Refreshes the planner's statistics after a bulk seed (PGlite has no autovacuum). */
export const analyze = (db, tables) => db.query(db.kind === 'pglite' ? `VACUUM (ANALYZE) ${tables}` : `ANALYZE ${tables}`);

/**
 * A CapacityService without telemetry or live status (the benchmarks time the store and the arithmetic):
 * what GET /v1/capacity/* runs, less HTTP. Pass `fleet` to share a FleetService (its view of 10,000 sites
 * is built once per fleet version, as in the control plane, and is not what a capacity bench measures).
 */
export function benchCapacityService(db, { version = 'bench', now, fleet = new FleetService(db) } = {}) {
  return { fleet, service: new CapacityService({ db, fleet, live: { siteValue: () => undefined }, workloads: { liveFigures: () => new Map(), policy: { version } }, ...(now ? { now } : {}) }) };
}
