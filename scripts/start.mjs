// `npm start`: installs what is missing, builds the console, starts control plane + BFF, prints the URL,
// then restarts either of them that exits (scripts/supervisor.mjs) until Ctrl-C.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDependencies, ensurePnpm, ensureWebBuild, step } from './setup.mjs';

const env = process.env;
const port = Number(env.PORT ?? 8080);
const controlPlanePort = Number(env.CONTROL_PLANE_PORT ?? 8090);

try {
  ensurePnpm();
  ensureDependencies();
  ensureWebBuild();
} catch (error) {
  console.error(`\n✖ ${error.message}`);
  process.exit(1);
}

// Imported after the install: stack.mjs needs nothing beyond Node, but the services need node_modules.
const { serviceTokenFile } = await import('./stack.mjs');
const { startSupervisedStack } = await import('./supervisor.mjs');

// The service token of the last start is kept (var/service-token), so an operator's scripts keep working
// across restarts; CORRIDOR_SERVICE_TOKEN overrides it, and the first start generates it.
const dataDir = env.CORRIDOR_DATA_DIR && resolve(env.CORRIDOR_DATA_DIR);
const tokenFile = serviceTokenFile(dataDir);
const serviceToken = env.CORRIDOR_SERVICE_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() || undefined : undefined);

step(`starting the control plane (port ${controlPlanePort}, ${env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `embedded store in ${env.CORRIDOR_DATA_DIR ?? './var'}`}) and the BFF (port ${port})`);
let supervisor;
try {
  supervisor = await startSupervisedStack({ port, controlPlanePort, dataDir, databaseUrl: env.DATABASE_URL, serviceToken });
} catch (error) {
  console.error(`\n✖ Corridor did not start: ${error.message}`);
  process.exit(1);
}

console.log(
  `\n  Corridor console: \x1b[1mhttp://localhost:${port}\x1b[0m\n  Control plane service token: ${tokenFile} (owner-only)\n  A part that exits is restarted with backoff; Ctrl-C stops everything.\n`,
);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
