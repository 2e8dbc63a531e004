import { createLogger } from '@corridor/http-kit';
import { loadConfig } from './config.ts';
import { startControlPlane } from './control-plane.ts';

const logger = createLogger('control-plane');

async function main() {
  const config = loadConfig();
  const running = await startControlPlane(config, logger);
  logger.info({ url: running.url, store: running.db.kind }, 'control plane listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'control plane stopping');
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // SIGHUP reloads the policy pack (an invalid one is refused and logged; the pack in force stays).
  process.on('SIGHUP', () => {
    running.reloadPolicy('system').then(
      (reload) => logger.info(reload, 'policy reload (SIGHUP)'),
      (error: Error) => logger.error({ err: error }, 'policy reload (SIGHUP) refused'),
    );
  });
}

main().catch((error: Error) => {
  // A bad fleet file or configuration: say exactly what, and stop.
  console.error(`\ncontrol plane failed to start: ${error.message}\n`);
  process.exit(1);
});
