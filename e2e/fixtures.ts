import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionViewSchema, type SessionView } from '@corridor/shared';
import { test as base, expect, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { freePort, startStack } from '../scripts/stack.mjs';

export interface Stack {
  url: string;
  controlPlaneUrl: string;
  /** The control plane's credential for this stack (scripts/stack.mjs generates one per start). */
  serviceToken: string;
  stopControlPlane(): Promise<void>;
  startControlPlane(): Promise<void>;
  controlPlaneRunning(): boolean;
  stop(): Promise<void>;
}

/**
 * A call straight to the stack's control plane as the operator's own tooling makes it (the service
 * token, no person acting): how the tests inject and clear simulator faults. The body is parsed when JSON.
 */
export async function callControlPlane(stack: Stack, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.controlPlaneUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.serviceToken}`, ...(data === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(data === undefined ? {} : { body: JSON.stringify(data) }),
  });
  const text = await res.text();
  const json = (() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  })();
  return { status: res.status, body: json };
}

/** The users demo mode seeds, by the name they sign in with; every stack of the tests gets this password. */
export type DemoUser = 'operator' | 'executive' | 'admin' | 'tenant-a' | 'tenant-b';
export const DEMO_PASSWORD = 'corridor-demo-password';

/**
 * Signs a demo user in through the API, as the login page does (CSRF header included). The session
 * cookie lands in `request`'s cookie jar: `page.request` shares the page's, so the page is signed in too.
 */
export async function signIn(request: APIRequestContext, user: DemoUser, baseUrl = ''): Promise<SessionView> {
  const response = await request.post(`${baseUrl}/api/session`, { data: { username: user, password: DEMO_PASSWORD }, headers: { 'X-CSRF': '1' } });
  expect(response.status(), `signing in as ${user}`).toBe(200);
  return SessionViewSchema.parse(await response.json());
}

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

/**
 * A new API client of the stack without any cookie. Said explicitly: Playwright otherwise gives new clients
 * the test's storage state, and signing in with another user's cookie would end that user's session.
 */
const newApiClient = (playwright: PlaywrightWorkerArgs['playwright'], baseURL: string) => playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });

/** The real stack (control plane with a fresh PGlite data dir, BFF, built console) on free ports. */
async function launchStack(label: string): Promise<{ stack: Stack; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `corridor-e2e-${label}-`));
  // The services' logs go to a file beside the data; the test output stays readable.
  const log = openSync(join(dataDir, 'stack.log'), 'a');
  const stack: Stack = await startStack({
    port: await freePort(),
    controlPlanePort: await freePort(),
    dataDir,
    // A 1 s simulator tick: live tests see a few ticks (and three missed ones) within seconds.
    env: { LOG_LEVEL: 'warn', CORRIDOR_SIM_TICK_MS: '1000', CORRIDOR_DEMO_PASSWORD: DEMO_PASSWORD },
    stdio: ['ignore', log, log],
  });
  return {
    stack,
    async dispose() {
      await stack.stop();
      closeSync(log);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails the test when the page asks any origin but the console's own (a sovereign console works air-gapped). */
function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    // A navigation is where the test sends the page; everything the page then asks for must stay home.
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
    if (new URL(url).origin !== new URL(page.url()).origin) foreign.push(url);
  });
  return foreign;
}

interface WorkerFixtures {
  stack: Stack;
  /** A second stack, started when a test first asks for `privateStack` and kept for the worker's later ones. */
  spareStack: Stack;
  /** A session per demo user on the worker's stack, signed in once (its cookies, for new browser contexts). */
  sessionOf: (user: DemoUser) => Promise<StorageState>;
}
interface TestFixtures {
  /** Who the test's page and `request` are signed in as (`operator` unless `test.use` says otherwise); null: signed out. */
  signedInAs: DemoUser | null;
  /** An API client of the worker's stack signed in as another user, for what that user does besides the page. */
  apiAs: (user: DemoUser) => Promise<APIRequestContext>;
  /**
   * A stack apart from the shared one, for tests that stop and restart the control plane: the worker's spare stack,
   * handed over with its control plane running (a test that left it stopped has it started again after it).
   */
  privateStack: Stack;
  foreignRequests: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    async ({}, use) => {
      const { stack, dispose } = await launchStack('shared');
      await use(stack);
      await dispose();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  sessionOf: [
    async ({ stack, playwright }, use) => {
      const sessions = new Map<DemoUser, Promise<StorageState>>();
      const signInOnce = async (user: DemoUser) => {
        const request = await newApiClient(playwright, stack.url);
        await signIn(request, user);
        const state = await request.storageState();
        await request.dispose();
        return state;
      };
      await use((user) => {
        if (!sessions.has(user)) sessions.set(user, signInOnce(user));
        return sessions.get(user)!;
      });
    },
    { scope: 'worker' },
  ],
  signedInAs: ['operator', { option: true }],
  // The page's context and the `request` fixture both start from this state: signed in, or not at all.
  storageState: async ({ signedInAs, sessionOf }, use) => {
    await use(signedInAs ? await sessionOf(signedInAs) : undefined);
  },
  apiAs: async ({ stack, playwright }, use) => {
    const clients: APIRequestContext[] = [];
    await use(async (user) => {
      const request = await newApiClient(playwright, stack.url);
      clients.push(request);
      await signIn(request, user);
      return request;
    });
    await Promise.all(clients.map((c) => c.dispose()));
  },
  spareStack: [
    async ({}, use) => {
      const { stack, dispose } = await launchStack('spare');
      await use(stack);
      await dispose();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  privateStack: async ({ spareStack }, use) => {
    await use(spareStack);
    if (!spareStack.controlPlaneRunning()) await spareStack.startControlPlane();
  },
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
  foreignRequests: [
    async ({ page }, use) => {
      const foreign = watchForeignRequests(page);
      await use(foreign);
      expect(foreign, 'requests to origins other than the console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
