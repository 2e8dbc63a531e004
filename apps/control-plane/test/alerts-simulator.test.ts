import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@corridor/http-kit';
import { AlertSchema, type Alert } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { serviceHeaders } from './auth.ts';
import { openStream } from './sse-client.ts';
import { configFor, freshStore } from './stores.ts';

const TICK_MS = 250;

/** A real control plane with the simulator ticking every 250 ms and the default rules: a cut cable is an alert within `for` (0 s) + one tick. */
describe('alerts from the simulator', () => {
  let cp: RunningControlPlane;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const store = await freshStore('pglite', 'control-plane', { migrated: true });
    cp = await startControlPlane({ ...configFor(store, buildFleetFile()), simulator: { seed: 7, tickMs: TICK_MS, timeWarp: 1 } }, createLogger('alerts-sim-test', 'silent'));
    cleanup = async () => {
      await cp.close();
      await store.cleanup();
    };
  });
  afterAll(() => cleanup?.());

  it('fires the cable-cut alert within for + one tick of the cut, and resolves it when the cut is cleared', async () => {
    const stream = openStream(`${cp.url}/v1/stream`, serviceHeaders());
    const cutAlerts = () =>
      stream.events
        .filter((e) => e.event === 'alert')
        .map((e) => AlertSchema.parse(JSON.parse(e.data)))
        .filter((a: Alert) => a.ruleId === 'cable-cut');
    try {
      await stream.until((events) => events.some((e) => e.event === 'telemetry'));
      const cutAtMs = Date.now();
      const injected = await fetch(`${cp.url}/v1/faults`, {
        method: 'POST',
        headers: { ...serviceHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'cable-cut', linkId: 'link-a-b' }),
      });
      expect(injected.status).toBe(201);
      const fault = (await injected.json()) as { id: string; sinceMs: number };
      await stream.until(() => cutAlerts().some((a) => a.state === 'firing'));
      const firing = cutAlerts().find((a) => a.state === 'firing')!;
      expect(firing).toMatchObject({ linkId: 'link-a-b', severity: 'critical', unit: '%', summary: expect.stringMatching(/^Cable cut suspected on Test Link: loss \d+(\.\d)? %$/) });
      // The first tick that saw the cut fired it (the rule's `for` is 0 s): no frame after the cut took effect came before it.
      // (Timed against the frames rather than the wall clock: on a loaded machine a tick can take longer than its period.)
      const framesAfterCut = stream.events
        .filter((e) => e.event === 'telemetry')
        .map((e) => (JSON.parse(e.data) as { at: number }).at)
        .filter((at) => at >= fault.sinceMs);
      expect(framesAfterCut.length).toBeGreaterThan(0);
      expect(Date.parse(firing.firingAt!)).toBeLessThanOrEqual(Math.min(...framesAfterCut));
      expect(Date.parse(firing.firingAt!)).toBeGreaterThanOrEqual(cutAtMs);

      const cleared = await fetch(`${cp.url}/v1/faults/${fault.id}`, { method: 'DELETE', headers: serviceHeaders() });
      expect(cleared.status).toBe(204);
      await stream.until(() => cutAlerts().some((a) => a.state === 'resolved'));
      expect(cutAlerts().find((a) => a.state === 'resolved')).toMatchObject({ id: firing.id, resolvedAt: expect.any(String) });
    } finally {
      await stream.close();
    }
  });
});
