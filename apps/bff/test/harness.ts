import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { stringify } from 'yaml';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '@corridor/control-plane';
import { DEFAULT_POLICY_DIR, type ControlPlaneConfig } from '@corridor/control-plane/config';
import type { FleetFile } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import type { Db } from '@corridor/store';
import { createApp, type BffDeps } from '../src/app.ts';
import type { Identity } from '../src/identity/identity.ts';
import { openIdentityStore } from '../src/identity/identity-store.ts';
import { SESSION_COOKIE } from '../src/identity/session-service.ts';
import { prepareUserSources } from '../src/identity/user-sources.ts';
import { UserStore } from '../src/identity/user-store.ts';
import { ControlPlaneClient } from '../src/upstream/control-plane-client.ts';
import type { AdmissionLimits } from '../src/upstream/write-admission.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';
import { freshStore, type StoreKind } from './stores.ts';

export const silent = createLogger('test', 'silent');

/** What every test harness of the repo sets (README): the demo users' password. */
export const DEMO_PASSWORD = 'corridor-demo-password';
/** The secret the test control planes and BFFs share. */
export const SERVICE_TOKEN = 'test-service-token-that-is-long-enough-0123456789';

/** The BFF's configuration in tests: demo mode, default session timeouts, no OpenID Connect. */
export function bffConfig(urls: string[], overrides: Partial<BffDeps['config']> = {}): BffDeps['config'] {
  return {
    controlPlaneUrls: urls,
    webDist: '/nonexistent',
    fleetFreshMs: 0,
    https: false,
    production: false,
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3_600_000,
    serviceToken: SERVICE_TOKEN,
    ...overrides,
  };
}

/** A migrated BFF store of the given kind with the demo users seeded (password DEMO_PASSWORD). */
export async function bffStore(kind: StoreKind = 'pglite'): Promise<{ db: Db; cleanup(): Promise<void> }> {
  const store = await freshStore(kind, 'bff', { migrated: true });
  const db = await openIdentityStore(store);
  await prepareUserSources(new UserStore(db), { production: false, demoPassword: DEMO_PASSWORD, oidcConfigured: false }, () => {});
  return {
    db,
    async cleanup() {
      await db.close();
      await store.cleanup();
    },
  };
}

let shared: ReturnType<typeof bffStore> | undefined;
afterAll(async () => {
  await (await shared)?.cleanup();
  shared = undefined;
});

/** One PGlite store per test file (creating one takes a second), shared by the BFFs the file starts. */
export function sharedBffStore(): Promise<Db> {
  shared ??= bffStore('pglite');
  return shared.then((s) => s.db);
}

/** A new temp data dir whose control plane PGlite store is ready to open (initialised and migrated). */
export function freshDataDir(): string {
  return seedPglite(mkdtempSync(join(tmpdir(), 'corridor-bff-')), 'control-plane', { migrated: true });
}

/** A real control plane on a free port with its own PGlite dir, seeded with `fleet`, under the default policy pack. */
export async function realControlPlane(fleet: FleetFile, dataDir = freshDataDir(), extra: Partial<ControlPlaneConfig> = {}) {
  if (!extra.databaseUrl) seedPglite(dataDir, 'control-plane', { migrated: true });
  const fleetFile = join(dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(fleet));
  const start = (port: number) => startControlPlane({ port, host: '127.0.0.1', dataDir, fleetFile, policyDir: DEFAULT_POLICY_DIR, serviceToken: SERVICE_TOKEN, ...extra }, silent);
  const cp = await start(0);
  return { cp, dataDir, restart: start, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export type Fetch = (path: string, init?: RequestInit & { headers?: Record<string, string> }) => Promise<Response>;

/** The `Cookie` header of a new session for a stored user, opened directly (no password, no audit record). */
export async function sessionCookie(identity: Identity, username: string): Promise<string> {
  const user = await identity.users.find(username);
  if (!user) throw new Error(`no user "${username}" in the test store`);
  const { id } = await identity.sessions.open({ username, name: user.name, role: user.role, ...(user.tenant ? { tenant: user.tenant } : {}), method: 'password' });
  return `${SESSION_COOKIE}=${id}`;
}

/** A fetch of `url`'s paths that sends `headers` (a session cookie, a bearer token) with every request. */
export function fetchWith(url: string, headers: Record<string, string>): Fetch {
  return (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { ...headers, ...init.headers } });
}

/** Signs in through `POST /api/session`, as the console does; answers the response and the `Cookie` header it sets (if any). */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'X-CSRF': '1', 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')[0];
  return { res, cookie };
}

export interface BffOptions {
  logger?: BffDeps['logger'];
  fleetFreshMs?: number;
  timeoutMs?: number;
  webDist?: string;
  /** The BFF's store: the file's shared PGlite store unless given. */
  db?: Db;
  now?: () => number;
  throttle?: BffDeps['throttle'];
  config?: Partial<BffDeps['config']>;
  stream?: BffDeps['stream'];
  streamRecheckMs?: number;
  /** Writes sent at once and waiting, per control plane (the client's defaults otherwise). */
  admission?: AdmissionLimits;
}

/**
 * The BFF on a free port in front of the given control plane URLs. `fetch` is a browser signed in as the
 * demo operator (its `cookie`); `as(username)` signs in another demo user.
 */
export async function startBff(urls: string[], options: BffOptions = {}) {
  const clients = urls.map(
    (url, i) =>
      new ControlPlaneClient({
        name: `control plane ${i + 1}`,
        url,
        serviceToken: SERVICE_TOKEN,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.admission ? { admission: options.admission } : {}),
      }),
  );
  const app = createApp({
    config: bffConfig(urls, { fleetFreshMs: options.fleetFreshMs ?? 0, ...(options.webDist ? { webDist: options.webDist } : {}), ...options.config }),
    logger: options.logger ?? silent,
    db: options.db ?? (await sharedBffStore()),
    clients,
    ...(options.now ? { now: options.now } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.streamRecheckMs ? { streamRecheckMs: options.streamRecheckMs } : {}),
  });
  const server = await listen(app);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const as = async (username: string) => {
    const cookie = await sessionCookie(app.identity, username);
    return { cookie, fetch: fetchWith(url, { cookie }) };
  };
  const operator = await as('operator');
  let closing: Promise<void> | undefined;
  return {
    url,
    identity: app.identity,
    ...operator,
    as,
    /** Stops the BFF (idempotent); its store stays open for its owner. */
    close() {
      closing ??= (async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await app.close();
      })();
      return closing;
    },
  };
}
export type RunningBff = Awaited<ReturnType<typeof startBff>>;

/**
 * A real control plane behind a real BFF on a `kind` store, with an admin signed in: what a test of the whole
 * write path stands on. `close` stops and removes all of it.
 */
export async function realStack(kind: StoreKind) {
  const upstream = await realControlPlane(buildFleetFile());
  const store = await bffStore(kind);
  const bff = await startBff([upstream.cp.url], { db: store.db });
  const admin = (await bff.as('admin')).fetch;
  return {
    upstream,
    store,
    bff,
    admin,
    async close() {
      await bff.close();
      await upstream.cp.close();
      upstream.cleanup();
      await store.cleanup();
    },
  };
}
export type RealStack = Awaited<ReturnType<typeof realStack>>;

/** A stand-in control plane for faults a real one cannot be made to show (hangs, garbage). */
export async function fakeUpstream(handler: Parameters<typeof createServer>[1]) {
  const server = await listen(handler);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as unknown };
}

export type { RunningControlPlane };
