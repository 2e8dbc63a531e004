import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, FaultViewSchema, LiveSnapshotSchema, SiteHealthSchema, TelemetryFrameSchema } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { serviceHeaders } from './auth.ts';
import { configFor, freshStore } from './stores.ts';
import { openStream } from './sse-client.ts';

const logger = createLogger('control-plane-test', 'silent');

describe('live state, stream and faults (simulator on)', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let cp: RunningControlPlane;

  beforeAll(async () => {
    store = await freshStore('pglite', 'control-plane', { migrated: true });
    cp = await startControlPlane({ ...configFor(store, buildFleetFile()), simulator: { seed: 7, tickMs: 150, timeWarp: 1 } }, logger);
  });
  afterAll(async () => {
    await cp?.close();
    await store?.cleanup();
  });

  // As the BFF calls: the service credential, no person acting (faults and the stream are the service's own).
  const post = (path: string, body: unknown) => fetch(cp.url + path, { method: 'POST', headers: { ...serviceHeaders(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const call = (path: string, init: RequestInit = {}) => fetch(cp.url + path, { ...init, headers: serviceHeaders() });
  const subscribe = (lastEventId?: string) => openStream(`${cp.url}/v1/stream`, { ...serviceHeaders(), ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) });

  it('serves the latest value of every metric per site and link, and each site’s health', async () => {
    const stream = subscribe();
    await stream.until((e) => e.some((x) => x.event === 'telemetry'));
    await stream.close();
    const live = LiveSnapshotSchema.parse(await (await call('/v1/live')).json());
    expect(live.frame.sites['site-a']).toMatchObject({ site_it_power_watts: expect.any(Number), site_pue_ratio: expect.any(Number) });
    const a = live.frame.sites['site-a']!;
    expect(a.site_facility_power_watts!).toBeCloseTo(a.site_it_power_watts! * a.site_pue_ratio!, 0);
    expect(live.frame.links['link-a-b']).toMatchObject({ link_rtt_seconds: expect.any(Number) });
    expect(live.health['site-a']).toMatchObject({ declared: 'operational', health: 'ok' });
  });

  it('resumes a stream from Last-Event-ID with exactly the events missed', async () => {
    const first = subscribe();
    await first.until((e) => e.length >= 3);
    await first.close();
    const seen = first.events.map((e) => Number(e.id));
    const resumeFrom = seen[0]!;

    const second = subscribe(String(resumeFrom));
    await second.until((e) => e.length >= seen.length);
    await second.close();
    const ids = second.events.map((e) => Number(e.id));
    expect(ids.slice(0, seen.length - 1)).toEqual(seen.slice(1));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of second.events.filter((x) => x.event === 'telemetry')) TelemetryFrameSchema.parse(JSON.parse(e.data));
  });

  it('tells a client resuming from an unknown id to resync', async () => {
    const stream = subscribe('1');
    await stream.until((e) => e.some((x) => x.event === 'resync'));
    await stream.close();
    expect(stream.events[0]!.event).toBe('resync');
  });

  it('shows an injected cooling failure in health and PUE, and takes it back when cleared', async () => {
    const before = LiveSnapshotSchema.parse(await (await call('/v1/live')).json()).frame.sites['site-a']!;
    const stream = subscribe();
    const res = await post('/v1/faults', { kind: 'cooling-failure', siteId: 'site-a' });
    expect(res.status).toBe(201);
    const fault = FaultViewSchema.parse(await res.json());

    await stream.until((e) => e.some((x) => x.event === 'site-health' && JSON.parse(x.data).siteId === 'site-a'));
    const degraded = stream.events.find((x) => x.event === 'site-health')!;
    expect(SiteHealthSchema.parse(JSON.parse(degraded.data))).toMatchObject({ declared: 'operational', health: 'degraded', reason: expect.stringMatching(/cooling/) });
    const during = LiveSnapshotSchema.parse(await (await call('/v1/live')).json());
    expect(during.frame.sites['site-a']!.site_pue_ratio!).toBeGreaterThan(before.site_pue_ratio!);
    expect(during.faults.map((f) => f.id)).toEqual([fault.id]);

    expect((await call(`/v1/faults/${fault.id}`, { method: 'DELETE' })).status).toBe(204);
    await stream.until((e) => e.some((x) => x.event === 'site-health' && JSON.parse(x.data).health === 'ok'));
    await stream.close();
    expect(LiveSnapshotSchema.parse(await (await call('/v1/live')).json()).faults).toEqual([]);
  });

  it('rejects a bad fault with 400 naming the field, an unknown site with 404 and a duplicate with 409', async () => {
    const bad = await post('/v1/faults', { kind: 'meteor', siteId: 'site-a' });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(await bad.json()).error.fields?.map((f) => f.field)).toContain('kind');

    expect((await post('/v1/faults', { kind: 'site-down', siteId: 'atlantis' })).status).toBe(404);

    const first = await post('/v1/faults', { kind: 'site-down', siteId: 'site-b' });
    expect(first.status).toBe(201);
    expect((await post('/v1/faults', { kind: 'site-down', siteId: 'site-b' })).status).toBe(409);
    await call(`/v1/faults/${FaultViewSchema.parse(await first.json()).id}`, { method: 'DELETE' });
  });
});
