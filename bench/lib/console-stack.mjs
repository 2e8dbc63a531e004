// The console as a person reaches it, for the browser benchmarks: a stack (control plane + BFF serving
// the built web app, demo users) on free ports over a synthetic fleet file, and a headless Chromium —
// in a temp dir removed with everything else on stop, even on Ctrl-C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, ROOT, startStack } from '../../scripts/stack.mjs';
import { CHROMIUM, CHROMIUM_ARGS, onSignal } from './common.mjs';
import { DEMO_ENV } from './session.mjs';
import { writeSyntheticFleet } from './synthetic-fleet.mjs';

/** The web build the BFF serves (CORRIDOR_WEB_DIST, else apps/web/dist). */
export const WEB_DIST = process.env.CORRIDOR_WEB_DIST ?? join(ROOT, 'apps/web/dist');

/**
 * A temp dir named after the bench; with `stack`, a stack on a fleet file of `fleetSites` synthetic sites
 * (more env in `env`); then the browser. `base` is the console's URL (127.0.0.1). `stop()` closes the
 * browser, runs what was added with `onStop` (e.g. a baseline server), stops the stack and removes the dir.
 */
export async function startConsole(name, { stack: wantStack = true, fleetSites = 20, env = {}, beforeBrowser } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `corridor-bench-${name}-`));
  const extra = [];
  const handle = {
    dir,
    stack: undefined,
    base: undefined,
    browser: undefined,
    onStop: (fn) => extra.push(fn),
    /** Once, however often it is called (the bench's end, Ctrl-C, a time limit). */
    stop() {
      stopping ??= (async () => {
        unregister();
        await handle.browser?.close().catch(() => undefined);
        for (const fn of extra) await fn();
        await handle.stack?.stop();
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  let stopping;
  const unregister = onSignal(() => handle.stop());
  try {
    if (wantStack) {
      handle.stack = await startStack({
        port: await freePort(),
        controlPlanePort: await freePort(),
        dataDir: join(dir, 'var'),
        env: { CORRIDOR_FLEET_FILE: writeSyntheticFleet(dir, fleetSites), CORRIDOR_WEB_DIST: WEB_DIST, ...DEMO_ENV, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      handle.base = handle.stack.url.replace('localhost', '127.0.0.1');
    }
    await beforeBrowser?.(handle);
    handle.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    return handle;
  } catch (error) {
    await handle.stop();
    throw error;
  }
}
