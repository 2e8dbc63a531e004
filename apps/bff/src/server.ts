import type { AddressInfo } from 'node:net';
import { createLogger } from '@corridor/http-kit';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const logger = createLogger('bff');

async function main() {
  const config = loadConfig();
  const app = createApp({ config, logger });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  logger.info({ port, host: config.host, controlPlanes: config.controlPlaneUrls }, 'BFF listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'BFF stopping');
    server.close(() => void app.close().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`\nBFF failed to start: ${error.message}\n`);
  process.exit(1);
});
