import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, FleetSummarySchema, SiteDetailSchema, SiteListSchema } from '@corridor/shared';
import { buildCluster, buildFleetFile, buildSite } from '@corridor/shared/testing';
import { createLogger } from '@corridor/http-kit';
import { startControlPlane, type RunningControlPlane } from '../src/control-plane.ts';
import { serviceHeaders } from './auth.ts';
import { STORE_KINDS, configFor, freshStore } from './stores.ts';

const logger = createLogger('control-plane-test', 'silent');

describe.each(STORE_KINDS)('fleet API on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let cp: RunningControlPlane;
  const fleet = buildFleetFile();
  fleet.sites.push(
    buildSite({ id: 'site-planned', name: 'Dakhla Planned', operatorId: 'operator-test', status: 'planned', commissioningDate: '2027-09-01', itCapacityMw: 7.5, clusters: [] }),
    buildSite({
      id: 'site-big',
      name: 'Big',
      operatorId: 'operator-test',
      status: 'construction',
      commissioningDate: '2026-12-01',
      itCapacityMw: 10,
      clusters: [buildCluster({ gpuModel: 'B200', gpuCount: 1000 })],
    }),
  );

  beforeAll(async () => {
    store = await freshStore(kind, 'control-plane', { migrated: true });
    cp = await startControlPlane(configFor(store, fleet), logger);
  });
  afterAll(async () => {
    await cp?.close();
    await store?.cleanup();
  });

  /** A read as the BFF makes it: the service credential, no person acting. */
  const get = (path: string, headers: Record<string, string> = {}) => fetch(cp.url + path, { headers: { ...serviceHeaders(), ...headers } });

  it('lists every site with its operator embedded and GPUs totalled', async () => {
    const res = await get('/v1/sites');
    expect(res.status).toBe(200);
    const { sites } = SiteListSchema.parse(await res.json());
    expect(sites.map((s) => s.id).sort()).toEqual(['site-a', 'site-b', 'site-big', 'site-planned']);
    const a = sites.find((s) => s.id === 'site-a')!;
    expect(a.operator).toEqual({ id: 'operator-test', name: 'Test Operator', controlledBy: 'MA' });
    expect(a.gpuCount).toBe(512);
    expect(sites.find((s) => s.id === 'site-planned')!.commissioningDate).toBe('2027-09-01');
  });

  it('serves one site with the links that touch it', async () => {
    const detail = SiteDetailSchema.parse(await (await get('/v1/sites/site-a')).json());
    expect(detail.site.name).toBe('Site A');
    expect(detail.links).toHaveLength(1);
    expect(detail.links[0]!.to).toMatchObject({ id: 'site-b', kind: 'site', name: 'Site B' });
  });

  it('answers 404 in the one error body for an unknown site, 400 naming the field for a malformed id', async () => {
    const missing = await get('/v1/sites/atlantis');
    expect(missing.status).toBe(404);
    expect(ErrorBodySchema.parse(await missing.json()).error).toMatchObject({ code: 'NOT_FOUND', message: 'no site "atlantis"' });

    const bad = await get('/v1/sites/NOT%20A%20SLUG');
    expect(bad.status).toBe(400);
    const body = ErrorBodySchema.parse(await bad.json());
    expect(body.error.fields?.[0]?.message).toMatch(/slug/);
  });

  it('sums the fleet: sites by status, MW by stage, GPUs', async () => {
    const summary = FleetSummarySchema.parse(await (await get('/v1/fleet/summary')).json());
    expect(summary.siteCount).toBe(4);
    expect(summary.sitesByStatus).toMatchObject({ operational: 2, planned: 1, construction: 1, offline: 0 });
    expect(summary.itCapacityMw).toEqual({ operational: 15, construction: 10, planned: 7.5, total: 32.5 });
    expect(summary.gpus).toEqual({ total: 2024, operational: 1024 });
    expect(summary.linkCount).toBe(1);
  });

  it('answers 304 to a caller that already holds this fleet version', async () => {
    const first = await get('/v1/sites');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await get('/v1/sites', { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
  });

  it('reports ready and healthy to anyone, and its store only to the service', async () => {
    expect(await (await fetch(`${cp.url}/readyz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${cp.url}/readyz`, { headers: serviceHeaders() })).json()).toMatchObject({ ok: true, store: kind });
    expect((await fetch(`${cp.url}/healthz`)).status).toBe(200);
  });

  it('answers JSON 404 for an unknown route', async () => {
    const res = await get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('NOT_FOUND');
  });
});

describe.each(STORE_KINDS)('fleet file seeding on %s', (kind) => {
  it('keeps the store in step with the file across restarts', async () => {
    const store = await freshStore(kind, 'control-plane', { migrated: true });
    try {
      const first = await startControlPlane(configFor(store, buildFleetFile()), logger);
      await first.close();

      const edited = buildFleetFile();
      edited.sites = edited.sites.filter((s) => s.id === 'site-a').map((s) => ({ ...s, status: 'maintenance' as const }));
      edited.links = [];
      const second = await startControlPlane(configFor(store, edited), logger);
      try {
        const { sites } = SiteListSchema.parse(await (await fetch(`${second.url}/v1/sites`, { headers: serviceHeaders() })).json());
        expect(sites.map((s) => [s.id, s.status])).toEqual([['site-a', 'maintenance']]);
      } finally {
        await second.close();
      }
    } finally {
      await store.cleanup();
    }
  });

  it('refuses to start on an invalid fleet file, naming the entry and field', async () => {
    const store = await freshStore(kind, 'control-plane', { migrated: true });
    try {
      const fleet = buildFleetFile();
      fleet.sites[1]!.lat = 123;
      await expect(startControlPlane(configFor(store, fleet), logger)).rejects.toThrow(/site "site-b" \(sites\[1\]\), field lat/);
      await expect(startControlPlane(configFor(store, 'sites: [unclosed'), logger)).rejects.toThrow(/not valid YAML/);
    } finally {
      await store.cleanup();
    }
  });
});
