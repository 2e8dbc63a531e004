import type { AddressInfo } from 'node:net';
import { createLogger } from '@corridor/http-kit';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openIdentityStore } from './identity/identity-store.ts';
import { prepareUserSources } from './identity/user-sources.ts';
import { UserStore } from './identity/user-store.ts';

const logger = createLogger('bff');

async function main() {
  const config = loadConfig();
  const db = await openIdentityStore(config);
  // The generated demo password goes to stdout as a plain line, once: a person reads it, not a log shipper.
  await prepareUserSources(
    new UserStore(db),
    { production: config.production, oidcConfigured: config.oidc !== undefined, ...(config.demoPassword ? { demoPassword: config.demoPassword } : {}) },
    (line) => console.log(`\n  ${line}\n`),
  ).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const app = createApp({ config, logger, db });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  logger.info({ port, host: config.host, controlPlanes: config.controlPlaneUrls, store: config.databaseUrl ? 'postgres' : 'pglite', demo: !config.production }, 'BFF listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'BFF stopping');
    server.close(
      () =>
        void app
          .close()
          .then(() => db.close())
          .then(() => process.exit(0)),
    );
    server.closeAllConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`\nBFF failed to start: ${error.message}\n`);
  process.exit(1);
});
