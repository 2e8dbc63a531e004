import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@corridor/http-kit';
import { createApp } from './app.ts';
import type { ControlPlaneConfig } from './config.ts';
import { loadFleetFile } from './fleet/fleet-file.ts';
import { syncFleet } from './fleet/fleet-store.ts';
import { openDb, type Db } from './store/db.ts';
import { migrate } from './store/migrate.ts';

export interface RunningControlPlane {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** Opens the store, migrates it, seeds the fleet and listens. Used by server.ts and by tests. */
export async function startControlPlane(config: ControlPlaneConfig, logger: Logger = createLogger('control-plane')): Promise<RunningControlPlane> {
  // Validate the fleet file before touching the store: a bad file must stop the start, naming the entry.
  const { fleet, version } = loadFleetFile(config.fleetFile);
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const changed = await syncFleet(db, fleet, version);
    logger.info({ version, changed, sites: fleet.sites.length, links: fleet.links.length, store: db.kind }, 'fleet ready');
  } catch (error) {
    await db.close();
    throw error;
  }

  const server: Server = createApp({ db, logger }).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  return {
    url,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
