import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, newServiceToken, spawnService, stopChild, waitForHttp } from '../../scripts/stack.mjs';
import { callControlPlane, DEMO_PASSWORD, expect as baseExpect, test as base, type Stack } from '../fixtures.ts';
import { ConsolePage } from '../pages/console-page.ts';

// One health model (issue 16): declared status and observed health, shown together in the row, the
// marker, the panel, the filters and the header. Down needs evidence; a site that stops reporting is no data.

/** Far from every other site: its marker is the only one at its point. */
const DOWN_SITE = { id: 'atlantic-ashburn-1', name: 'Ashburn 1', lat: 39.04, lon: -77.49 };
/** A fleet site with a real feed (the simulator leaves it alone): what the test posts, then stops posting. */
const FED_SITE = { id: 'sn-dakar-1', name: 'Dakar (Diamniadio) 1', lat: 14.72, lon: -17.18 };

/** Shared cores run eight stacks at once: generous waits, still deadlines (polling, never sleeping). */
const expect = baseExpect.configure({ timeout: 30_000 });

/** Generous on a loaded machine: a service's first start transpiles its sources. */
const START_TIMEOUT_MS = 180_000;

/** The shared stack's set-up, with one site left to a real telemetry feed (CORRIDOR_SIM_SKIP_SITES). */
const test = base.extend<object, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'corridor-e2e-health-'));
      const log = openSync(join(dataDir, 'stack.log'), 'a');
      const [port, controlPlanePort] = [await freePort(), await freePort()];
      const serviceToken = newServiceToken();
      const env = {
        LOG_LEVEL: 'warn',
        CORRIDOR_DATA_DIR: dataDir,
        CORRIDOR_SERVICE_TOKEN: serviceToken,
        CORRIDOR_SIM_TICK_MS: '1000',
        CORRIDOR_DEMO_PASSWORD: DEMO_PASSWORD,
        CORRIDOR_SIM_SKIP_SITES: FED_SITE.id,
      };
      const controlPlaneUrl = `http://127.0.0.1:${controlPlanePort}`;
      const options = { stdio: ['ignore', log, log] } as unknown as { stdio?: string };
      let controlPlane: ChildProcess | undefined;
      let bff: ChildProcess | undefined;
      const stack: Stack = {
        url: `http://localhost:${port}`,
        controlPlaneUrl,
        serviceToken,
        async startControlPlane() {
          controlPlane = spawnService('control-plane', { ...env, CONTROL_PLANE_PORT: String(controlPlanePort) }, options);
          await waitForHttp(`${controlPlaneUrl}/readyz`, controlPlane, START_TIMEOUT_MS);
        },
        stopControlPlane: () => stopChild(controlPlane),
        controlPlaneRunning: () => controlPlane !== undefined && controlPlane.exitCode === null && controlPlane.signalCode === null,
        async stop() {
          await Promise.all([stopChild(bff), stopChild(controlPlane)]);
        },
      };
      try {
        await stack.startControlPlane();
        bff = spawnService('bff', { ...env, PORT: String(port), CONTROL_PLANE_URLS: controlPlaneUrl }, options);
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, bff, START_TIMEOUT_MS);
        await use(stack);
      } finally {
        await stack.stop();
        closeSync(log);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 2 * START_TIMEOUT_MS },
  ],
});

test.describe('one health model', () => {
  test.describe.configure({ timeout: 240_000 });

  /** Opens the console and waits for the map to be drawn. */
  async function open(console: ConsolePage, path: string) {
    await console.page.goto(path);
    await expect(console.map).toHaveAttribute('data-basemap', 'ready', { timeout: 90_000 });
  }

  test('a site-down fault reads "Operational · Down" in the row, the panel and the marker; the header counts it; the health filter finds it', async ({ page, stack }, testInfo) => {
    const console = new ConsolePage(page);
    await open(console, `/?site=${DOWN_SITE.id}`);
    const panel = page.getByRole('complementary', { name: DOWN_SITE.name });
    const counts = page.getByRole('list', { name: 'Sites by status and health' });
    await expect(console.siteRow(DOWN_SITE.name)).toContainText('Operational · OK');
    await expect(counts).not.toContainText('down');

    const injected = await callControlPlane(stack, 'POST', '/v1/faults', { kind: 'site-down', siteId: DOWN_SITE.id });
    expect(injected.status).toBe(201);
    const fault = injected.body as { id: string };
    try {
      await expect(console.siteRow(DOWN_SITE.name)).toContainText('Operational · Down');
      await expect(panel.getByLabel('Status')).toHaveText(/^Operational · Down/);
      await expect(panel).toContainText('site down (injected fault)');
      // Not two lines that contradict each other: the panel names both once.
      await expect(panel.getByText('Observed')).toHaveCount(0);
      await expect.poll(() => console.markerStatusAt(DOWN_SITE.lat, DOWN_SITE.lon), { timeout: 30_000 }).toBe('offline');
      await expect(counts.locator('[data-count="down"]')).toHaveText('1 down');

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: testInfo.outputPath('health-down-1920x1080.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.screenshot({ path: testInfo.outputPath('health-down-1280x720.png') });
      // At 1280 × 720 the header leaves the map most of the screen: a band of at most two short lines.
      const header = await page.locator('header.topbar').boundingBox();
      const map = await console.map.boundingBox();
      expect(header!.height).toBeLessThanOrEqual(110);
      expect(map!.height).toBeGreaterThan(720 * 0.7);

      // Filter by health, from the keyboard.
      const health = page.getByRole('combobox', { name: 'Health' });
      await health.focus();
      await health.selectOption({ label: 'Down' });
      await expect(page).toHaveURL(/[?&]health=down/);
      const list = page.getByRole('navigation', { name: 'Sites' });
      await expect(list.locator('.site-row')).toHaveCount(1);
      await expect(console.siteRow(DOWN_SITE.name)).toBeVisible();
      await expect(list).toContainText('1 of');
    } finally {
      expect((await callControlPlane(stack, 'DELETE', `/v1/faults/${fault.id}`)).status).toBe(204);
    }
    await expect(console.siteRow(DOWN_SITE.name)).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Health' }).selectOption({ label: 'All' });
    await expect(console.siteRow(DOWN_SITE.name)).toContainText('Operational · OK');
  });

  test('a site whose feed stops is "No data", never "Down"', async ({ page, stack }) => {
    const console = new ConsolePage(page);
    await open(console, `/?site=${FED_SITE.id}`);
    const row = console.siteRow(FED_SITE.name);
    const panel = page.getByRole('complementary', { name: FED_SITE.name });
    // Nothing received yet: no data.
    await expect(row).toContainText('Operational · No data');

    // Its feed: a frame every 500 ms, then silence.
    const feed = async (at: number) => {
      const posted = await callControlPlane(stack, 'POST', '/v1/telemetry', { samples: [{ metric: 'site_availability_ratio', siteId: FED_SITE.id, at, value: 1 }] });
      expect(posted.status).toBe(200);
    };
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) {
      await feed(t0 + i * 500);
      await page.waitForTimeout(500); // the feed's own cadence, not a wait for the console
    }
    await expect(row).toContainText('Operational · OK');
    const stoppedAt = Date.now();

    await expect(row).toContainText('Operational · No data');
    expect(Date.now() - stoppedAt).toBeGreaterThan(1_000); // 2.5 of its 500 ms intervals, not the first missed frame
    await expect(panel.getByLabel('Status')).toHaveText(/^Operational · No data/);
    await expect(panel).toContainText('no telemetry for 3 intervals');
    await expect(row).not.toContainText('Down');
    await expect(page.getByRole('list', { name: 'Sites by status and health' }).locator('[data-count="no-data"]')).toHaveText('1 no data');
    await expect(page.getByRole('list', { name: 'Sites by status and health' }).locator('[data-count="down"]')).toHaveCount(0);
  });
});
