import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesSchema, SiteListSchema, TELEMETRY_LIMITS } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { serviceHeaders } from './auth.ts';
import { STORE_KINDS, configFor, freshStore } from './stores.ts';

const logger = createLogger('telemetry-cp-test', 'silent');

describe.each(STORE_KINDS)('telemetry in the running control plane on %s', (kind) => {
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

  it('takes a full batch over the general 1 MB body limit, then serves it as a series', async () => {
    const from = Math.floor(Date.now() / 60_000) * 60_000 - 50 * 60_000;
    const samples = Array.from({ length: TELEMETRY_LIMITS.maxSamplesPerBatch }, (_, i) => ({
      metric: 'site_ambient_temperature_celsius',
      siteId: 'site-a',
      at: from + i * 250,
      value: 21.123456789 + (i % 10) / 7,
    }));
    const body = JSON.stringify({ samples });
    expect(body.length).toBeGreaterThan(1_000_000);
    const res = await fetch(`${cp.url}/v1/telemetry`, { method: 'POST', headers: { ...serviceHeaders(), 'content-type': 'application/json' }, body });
    expect(await res.json()).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });

    const seriesUrl = `${cp.url}/v1/sites/site-a/series?metric=site_ambient_temperature_celsius&from=${from}&to=${from + 3_600_000}`;
    const series = SeriesSchema.parse(await (await fetch(seriesUrl, { headers: serviceHeaders() })).json());
    expect(series.resolution).toBe('raw');
    expect(series.points.reduce((n, p) => n + p.count!, 0)).toBe(10_000);
  });

  it('leaves the other /v1 routes to their own handlers', async () => {
    const { sites } = SiteListSchema.parse(await (await fetch(`${cp.url}/v1/sites`, { headers: serviceHeaders() })).json());
    expect(sites.map((s) => s.id).sort()).toEqual(['site-a', 'site-b']);
  });
});
