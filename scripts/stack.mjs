// Starts Corridor's processes (control plane, BFF) as children and waits until they answer.
// Shared by `npm start`, the e2e fixtures and the benchmarks, so all three run the stack the same way.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TSX = ['--import', 'tsx'];

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns one of the Node services of the repo (`apps/<name>/src/server.ts`). */
export function spawnService(name, env, { stdio = 'inherit' } = {}) {
  const cwd = join(ROOT, 'apps', name);
  return spawn(process.execPath, [...TSX, 'src/server.ts'], { cwd, env: { ...process.env, ...env }, stdio });
}

/** Polls `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode} before it answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Sends SIGTERM and resolves when the child is gone (SIGKILL after `graceMs`). */
export function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Where a stack keeps its service token for the operator: `<dataDir>/service-token` (default `var/`). */
export function serviceTokenFile(dataDir) {
  return join(dataDir || join(ROOT, 'var'), 'service-token');
}

/** A fresh service token: 32 random bytes, base64url. */
export function newServiceToken() {
  return randomBytes(32).toString('base64url');
}

/** Writes the token readable by its owner only, so `curl -H "authorization: Bearer $(cat var/service-token)"` works for them alone. */
function writeServiceToken(file, token) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, token, { mode: 0o600 });
  chmodSync(file, 0o600); // an older file keeps its mode on overwrite
}

/**
 * Starts control plane then BFF. Options: { port, controlPlanePort, dataDir, databaseUrl, serviceToken, env, stdio }.
 * Both get the same service token: `serviceToken`, else CORRIDOR_SERVICE_TOKEN (options.env, then the
 * environment), else a new random one; it is written to serviceTokenFile(dataDir).
 * Resolves { url, controlPlaneUrl, serviceToken, controlPlane, bff, stop(), stopControlPlane(), startControlPlane(), controlPlaneRunning(), startBff() }
 * (scripts/supervisor.mjs restarts a child that exits through the last two).
 */
export async function startStack(options = {}) {
  const controlPlanePort = options.controlPlanePort ?? 8090;
  const port = options.port ?? 8080;
  const serviceToken = options.serviceToken ?? options.env?.CORRIDOR_SERVICE_TOKEN ?? process.env.CORRIDOR_SERVICE_TOKEN ?? newServiceToken();
  writeServiceToken(serviceTokenFile(options.dataDir), serviceToken);
  // Both keep their store under the same data dir (the BFF in <dataDir>/bff) or on the same server.
  const storeEnv = {
    ...(options.dataDir ? { CORRIDOR_DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const cpEnv = { CONTROL_PLANE_PORT: String(controlPlanePort), ...storeEnv, ...options.env, CORRIDOR_SERVICE_TOKEN: serviceToken };
  const controlPlaneUrl = `http://127.0.0.1:${controlPlanePort}`;
  const bffEnv = { PORT: String(port), CONTROL_PLANE_URLS: controlPlaneUrl, ...storeEnv, ...options.env, CORRIDOR_SERVICE_TOKEN: serviceToken };
  const stack = {
    url: `http://localhost:${port}`,
    controlPlaneUrl,
    serviceToken,
    controlPlane: undefined,
    bff: undefined,
    async startControlPlane() {
      stack.controlPlane = spawnService('control-plane', cpEnv, options);
      await waitForHttp(`${controlPlaneUrl}/readyz`, stack.controlPlane);
    },
    async stopControlPlane() {
      await stopChild(stack.controlPlane);
    },
    /** Whether the control plane's process is alive (started and not exited). */
    controlPlaneRunning() {
      return stack.controlPlane !== undefined && stack.controlPlane.exitCode === null && stack.controlPlane.signalCode === null;
    },
    async startBff() {
      stack.bff = spawnService('bff', bffEnv, options);
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, stack.bff);
    },
    async stop() {
      await Promise.all([stopChild(stack.bff), stopChild(stack.controlPlane)]);
    },
  };
  try {
    await stack.startControlPlane();
    await stack.startBff();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
