import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConsoleStatusSchema, LiveSnapshotSchema, TelemetryFrameSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane } from '@corridor/control-plane';
import { DEFAULT_POLICY_DIR } from '@corridor/control-plane/config';
import { SERVICE_TOKEN, silent, type Fetch } from './harness.ts';
import { eventually, openBrowser, startStreamBff, type Browser, type SignedIn } from './stream-helpers.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A real control plane running its simulator fast (a tick every 200 ms) on its own PGlite dir. */
async function simulatedControlPlane() {
  const dataDir = seedPglite(mkdtempSync(join(tmpdir(), 'corridor-bff-stream-')), 'control-plane', { migrated: true });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const fleetFile = join(dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(buildFleetFile()));
  const start = (port: number) =>
    startControlPlane({ port, host: '127.0.0.1', dataDir, fleetFile, policyDir: DEFAULT_POLICY_DIR, serviceToken: SERVICE_TOKEN, simulator: { seed: 1, tickMs: 200, timeWarp: 1 } }, silent);
  const cp = await start(0);
  return { cp, port: Number(new URL(cp.url).port), start };
}

async function browsers(bff: SignedIn, count: number, lastEventId?: number) {
  const opened = await Promise.all(Array.from({ length: count }, () => openBrowser(bff, lastEventId)));
  cleanups.push(() => opened.forEach((b) => b.close()));
  return opened;
}

const telemetry = (b: Browser) => b.events.filter((m) => m.event === 'telemetry').map((m) => TelemetryFrameSchema.parse(JSON.parse(m.data)));
const status = async (bff: { fetch: Fetch }) => ConsoleStatusSchema.parse(await (await bff.fetch('/api/status')).json());

describe('live stream in front of a real control plane', () => {
  it('relays the simulator to many browsers over one subscription, following on from the snapshot', async () => {
    const { cp } = await simulatedControlPlane();
    cleanups.push(() => cp.close());
    const bff = await startStreamBff([cp.url]);
    cleanups.push(() => bff.close());
    await bff.connected();

    let snapshot = LiveSnapshotSchema.parse(await (await bff.fetch('/api/live')).json());
    await eventually(async () => {
      snapshot = LiveSnapshotSchema.parse(await (await bff.fetch('/api/live')).json());
      expect(Object.keys(snapshot.frame.sites).sort()).toEqual(['site-a', 'site-b']);
    });
    const many = await browsers(bff, 10, snapshot.lastEventId);
    await eventually(() => expect(many.every((b) => telemetry(b).length >= 3)).toBe(true));

    const frames = telemetry(many[0]!);
    expect(frames[0]!.at).toBeGreaterThanOrEqual(snapshot.frame.at);
    expect(frames.every((f, i) => i === 0 || f.at > frames[i - 1]!.at)).toBe(true);
    expect(frames[0]!.sites['site-a']).toHaveProperty('site_pue_ratio');
    for (const b of many) expect(b.messages.slice(0, 3)).toEqual(many[0]!.messages.slice(0, 3));
    expect(many[0]!.messages.some((m) => m.event === 'resync')).toBe(false);

    // A fault injected through the control plane API reaches every browser.
    const injected = await fetch(`${cp.url}/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
      body: JSON.stringify({ kind: 'cooling-failure', siteId: 'site-a' }),
    });
    expect(injected.status).toBe(201);
    await eventually(() => {
      for (const b of many) {
        expect(b.events.some((m) => m.event === 'fault' && JSON.parse(m.data).action === 'injected')).toBe(true);
        expect(b.events.some((m) => m.event === 'site-health' && JSON.parse(m.data).health === 'degraded')).toBe(true);
      }
    });
    expect((await bff.stats()).upstreams[0]).toMatchObject({ connected: true, subscriptions: 1 });
  });

  it('keeps serving while the control plane is down, then reconnects by itself and tells browsers to resync', async () => {
    const { cp, port, start } = await simulatedControlPlane();
    const bff = await startStreamBff([cp.url]);
    cleanups.push(() => bff.close());
    await bff.connected();
    const [b] = await browsers(bff, 1);
    await eventually(() => expect(telemetry(b!).length).toBeGreaterThanOrEqual(1));

    await cp.close();
    await eventually(async () => expect(await status(bff)).toMatchObject({ ok: false, stream: { connected: false } }));
    // Browsers were told at once, without asking: their stale badge need not wait for a timeout.
    await eventually(() => expect(b!.statuses.map((st) => ConsoleStatusSchema.parse(st))).toContainEqual(expect.objectContaining({ stream: expect.objectContaining({ connected: false }) })));
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    const [meanwhile] = await browsers(bff, 1);
    await eventually(() => expect(meanwhile!.raw).toMatch(/^retry: \d+\n\n/));
    const lastBefore = Number(b!.messages.at(-1)!.id);

    const again = await start(port);
    cleanups.push(() => again.close());
    await eventually(() => expect(b!.messages.some((m) => m.event === 'resync')).toBe(true), 15_000);
    const resync = b!.messages.find((m) => m.event === 'resync')!;
    expect(Number(resync.id)).toBeGreaterThan(lastBefore);
    const countAtResync = b!.messages.indexOf(resync);
    await eventually(() => expect(b!.messages.slice(countAtResync + 1).some((m) => m.event === 'telemetry')).toBe(true));
    expect(meanwhile!.messages.some((m) => m.event === 'resync')).toBe(true);
    await eventually(() => expect(ConsoleStatusSchema.parse(b!.statuses.at(-1))).toMatchObject({ ok: true, stream: { connected: true } }));
    // /api/status probes are shared for a second: the probe may lag the stream a little.
    await eventually(async () => expect(await status(bff)).toMatchObject({ ok: true, stream: { connected: true, upstreams: [{ subscriptions: 2 }] } }));
  });
});
