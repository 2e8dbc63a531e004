import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '@corridor/control-plane';
import { DEFAULT_POLICY_DIR } from '@corridor/control-plane/config';
import type { FleetFile } from '@corridor/shared';
import { createApp } from '../src/app.ts';
import { ControlPlaneClient } from '../src/upstream/control-plane-client.ts';

export const silent = createLogger('test', 'silent');

/** A real control plane on a free port with its own PGlite dir, seeded with `fleet`, under the default policy pack. */
export async function realControlPlane(fleet: FleetFile, dataDir = mkdtempSync(join(tmpdir(), 'corridor-bff-'))) {
  const fleetFile = join(dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(fleet));
  const start = (port: number) => startControlPlane({ port, host: '127.0.0.1', dataDir, fleetFile, policyDir: DEFAULT_POLICY_DIR }, silent);
  const cp = await start(0);
  return { cp, dataDir, restart: start, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The BFF on a free port in front of the given control plane URLs. */
export async function startBff(urls: string[], options: { fleetFreshMs?: number; timeoutMs?: number; webDist?: string } = {}) {
  const clients = urls.map((url, i) => new ControlPlaneClient({ name: `control plane ${i + 1}`, url, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }));
  const app = createApp({
    config: { controlPlaneUrls: urls, webDist: options.webDist ?? '/nonexistent', fleetFreshMs: options.fleetFreshMs ?? 0, https: false },
    logger: silent,
    clients,
  });
  const server = await listen(app);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.close();
    },
  };
}

/** A stand-in control plane for faults a real one cannot be made to show (hangs, garbage). */
export async function fakeUpstream(handler: Parameters<typeof createServer>[1]) {
  const server = await listen(handler);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); } };
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as unknown };
}

export type { RunningControlPlane };
