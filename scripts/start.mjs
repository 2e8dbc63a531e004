// `npm start`: installs what is missing, builds the console, starts control plane + BFF, prints the URL.
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
const { startStack } = await import('./stack.mjs');

step(`starting the control plane (port ${controlPlanePort}, ${env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `embedded store in ${env.CORRIDOR_DATA_DIR ?? './var'}`}) and the BFF (port ${port})`);
let stack;
try {
  stack = await startStack({ port, controlPlanePort, dataDir: env.CORRIDOR_DATA_DIR && resolve(env.CORRIDOR_DATA_DIR), databaseUrl: env.DATABASE_URL });
} catch (error) {
  console.error(`\n✖ Corridor did not start: ${error.message}`);
  process.exit(1);
}

console.log(`\n  Corridor console: \x1b[1mhttp://localhost:${port}\x1b[0m\n  (Ctrl-C stops everything)\n`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
for (const [name, child] of [['control plane', stack.controlPlane], ['BFF', stack.bff]]) {
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n✖ the ${name} stopped (${signal ?? `exit ${code}`}); stopping Corridor`);
    void shutdown(1);
  });
}
