import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveSnapshotSchema, type SiteHealth } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { serviceHeaders } from './auth.ts';
import { STORE_KINDS, configFor, freshStore } from './stores.ts';

const logger = createLogger('health-no-data-test', 'silent');

/** Polls until `check` passes or the deadline is past (then its last failure is thrown). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A site fed by the API (no simulator): silence makes it `no-data`, never `down`; a reported availability
 * of 0 makes it `down`; its next frame brings it back.
 */
describe.each(STORE_KINDS)('observed health of a site fed over the API, on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let cp: RunningControlPlane;
  beforeAll(async () => {
    store = await freshStore(kind, 'control-plane', { migrated: true });
    cp = await startControlPlane(configFor(store, buildFleetFile()), logger);
  });
  afterAll(async () => {
    await cp?.close();
    await store?.cleanup();
  });

  const post = (siteId: string, at: number, availability: number) =>
    fetch(`${cp.url}/v1/telemetry`, {
      method: 'POST',
      headers: { ...serviceHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ samples: [{ metric: 'site_availability_ratio', siteId, at, value: availability }] }),
    });
  const healthOf = async (siteId: string): Promise<SiteHealth | undefined> => LiveSnapshotSchema.parse(await (await fetch(`${cp.url}/v1/live`, { headers: serviceHeaders() })).json()).health[siteId];

  it('starts every built site as no data, then ok with its first frames', async () => {
    expect(await healthOf('site-a')).toMatchObject({ declared: 'operational', health: 'no-data', reason: 'no telemetry received yet' });
    const t0 = Date.now();
    expect((await post('site-a', t0, 1)).status).toBe(200);
    expect(await healthOf('site-a')).toMatchObject({ declared: 'operational', health: 'ok' });
  });

  it('is no data, not down, once its frames stop for 2.5 of its 200 ms intervals', async () => {
    let t = Date.now();
    for (let i = 0; i < 4; i++) {
      expect((await post('site-b', (t += 200), 1)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200)); // the source's own cadence, not a wait for the result
    }
    expect((await healthOf('site-b'))!.health).toBe('ok');
    const silent = await eventually(
      () => healthOf('site-b'),
      (h) => expect(h?.health).toBe('no-data'),
    );
    expect(silent).toMatchObject({ declared: 'operational', health: 'no-data', reason: expect.stringMatching(/^no telemetry for 3 intervals/) });
    expect((await post('site-b', Date.now(), 1)).status).toBe(200);
    expect((await healthOf('site-b'))!.health).toBe('ok');
  });

  it('is down when the site reports availability 0, and up again when it reports more', async () => {
    const t0 = Date.now();
    await post('site-a', t0 + 1, 0);
    expect(await healthOf('site-a')).toMatchObject({ health: 'down', reason: 'availability 0 reported' });
    await post('site-a', t0 + 2, 1);
    expect((await healthOf('site-a'))!.health).toBe('ok');
  });
});
