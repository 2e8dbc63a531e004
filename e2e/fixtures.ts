import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { freePort, startStack } from '../scripts/stack.mjs';

export interface Stack {
  url: string;
  controlPlaneUrl: string;
  stopControlPlane(): Promise<void>;
  startControlPlane(): Promise<void>;
  stop(): Promise<void>;
}

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
    env: { LOG_LEVEL: 'warn', CORRIDOR_SIM_TICK_MS: '1000' },
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
}
interface TestFixtures {
  /** A stack of the test's own, for tests that stop and restart the control plane. */
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
  privateStack: async ({}, use) => {
    const { stack, dispose } = await launchStack('private');
    await use(stack);
    await dispose();
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
