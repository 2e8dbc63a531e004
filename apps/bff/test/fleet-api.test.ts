import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, FleetSummarySchema, LinkListSchema, SiteDetailSchema, SiteRowListSchema } from '@corridor/shared';
import { buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import { realControlPlane, startBff } from './harness.ts';

describe('BFF in front of a real control plane', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: Awaited<ReturnType<typeof startBff>>;

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    bff = await startBff([upstream.cp.url]);
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it('presents sites as list rows: operator name and control, no clusters or prose', async () => {
    const res = await bff.fetch('/api/sites');
    expect(res.status).toBe(200);
    const raw = (await res.json()) as { sites: Record<string, unknown>[] };
    const { sites } = SiteRowListSchema.parse(raw);
    expect(sites.map((s) => s.id).sort()).toEqual(['site-a', 'site-b']);
    expect(sites[0]).toMatchObject({ operatorName: 'Test Operator', controlledBy: 'MA', gpuCount: 512 });
    expect(raw.sites[0]).not.toHaveProperty('clusters');
  });

  it('serves a site with its links, and a JSON 404 for an unknown one', async () => {
    const detail = SiteDetailSchema.parse(await (await bff.fetch('/api/sites/site-b')).json());
    expect(detail.links[0]).toMatchObject({ from: { id: 'site-a' }, to: { id: 'site-b' }, rttMs: 4.5 });

    const missing = await bff.fetch('/api/sites/atlantis');
    expect(missing.status).toBe(404);
    expect(ErrorBodySchema.parse(await missing.json()).error.message).toBe('no site "atlantis"');
  });

  it('answers 400 naming the field for a malformed site id', async () => {
    const res = await bff.fetch(`/api/sites/${encodeURIComponent('<script>')}`);
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(await res.json()).error.fields?.[0]?.field).toBe('(root)');
  });

  it('serves links and the fleet summary', async () => {
    expect(LinkListSchema.parse(await (await bff.fetch('/api/links')).json()).links).toHaveLength(1);
    const summary = FleetSummarySchema.parse(await (await bff.fetch('/api/fleet/summary')).json());
    expect(summary).toMatchObject({ siteCount: 2, itCapacityMw: { operational: 15 } });
  });

  it('lets a browser revalidate the site list with its ETag', async () => {
    const first = await bff.fetch('/api/sites');
    const again = await bff.fetch('/api/sites', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('sends a strict CSP and no X-Powered-By', async () => {
    const res = await bff.fetch('/api/fleet/summary');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Older browsers read X-Frame-Options instead: it must say the same (no framing at all).
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers JSON 404 for an unknown API route', async () => {
    const res = await bff.fetch('/api/nowhere');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('reports the control plane healthy', async () => {
    expect(await (await bff.fetch('/api/status')).json()).toMatchObject({ ok: true, upstreams: [{ ok: true }] });
  });
});

describe('BFF federating two control planes', () => {
  it('merges their sites and sums their summaries', async () => {
    const ma = await realControlPlane(buildFleetFile());
    const frOperator = buildOperator({ id: 'operator-fr', controlledBy: 'FR' });
    const fr = await realControlPlane(
      buildFleetFile({
        jurisdictions: [{ code: 'FR', name: 'France', blocs: ['EU', 'EEA'] }],
        operators: [frOperator],
        sites: [buildSite({ id: 'grenoble', name: 'Grenoble', operatorId: 'operator-fr', country: 'FR', city: 'Grenoble', lat: 45.19, lon: 5.72 })],
        links: [],
      }),
    );
    const bff = await startBff([ma.cp.url, fr.cp.url]);
    try {
      const { sites } = SiteRowListSchema.parse(await (await bff.fetch('/api/sites')).json());
      expect(sites.map((s) => s.id).sort()).toEqual(['grenoble', 'site-a', 'site-b']);
      const summary = FleetSummarySchema.parse(await (await bff.fetch('/api/fleet/summary')).json());
      expect(summary).toMatchObject({ siteCount: 3, countryCount: 2, gpus: { total: 1536 } });
      const grenoble = SiteDetailSchema.parse(await (await bff.fetch('/api/sites/grenoble')).json());
      expect(grenoble.site.operator.controlledBy).toBe('FR');
    } finally {
      await bff.close();
      for (const u of [ma, fr]) {
        await u.cp.close();
        u.cleanup();
      }
    }
  });
});
