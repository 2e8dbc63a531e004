import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SeriesSchema, type Series } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { fakeUpstream, realControlPlane, SERVICE_TOKEN, startBff } from './harness.ts';

const M = 60_000;

describe('BFF series in front of a real control plane', () => {
  let upstream: Awaited<ReturnType<typeof realControlPlane>>;
  let bff: Awaited<ReturnType<typeof startBff>>;
  const from = Math.floor(Date.now() / M) * M - 30 * M;

  beforeAll(async () => {
    upstream = await realControlPlane(buildFleetFile());
    bff = await startBff([upstream.cp.url]);
    const samples = [];
    for (let i = 0; i < 24; i++) {
      samples.push({ metric: 'site_pue_ratio', siteId: 'site-a', at: from + i * 5000, value: 1.25 + i / 100 });
      samples.push({ metric: 'link_rtt_seconds', linkId: 'link-a-b', at: from + i * 5000, value: 0.0045 });
    }
    const res = await fetch(`${upstream.cp.url}/v1/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
      body: JSON.stringify({ samples }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await bff?.close();
    await upstream?.cp.close();
    upstream?.cleanup();
  });

  it("serves a site's series with the control plane's parameters and answer", async () => {
    const query = `metric=site_pue_ratio&from=${new Date(from).toISOString()}&to=${from + 2 * M}&step=1m`;
    const res = await bff.fetch(`/api/sites/site-a/series?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const series = SeriesSchema.parse(await res.json());
    const direct = SeriesSchema.parse(await (await fetch(`${upstream.cp.url}/v1/sites/site-a/series?${query}`, { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } })).json());
    expect(series).toEqual(direct);
    expect(series).toMatchObject({ siteId: 'site-a', resolution: '1m', stepMs: M, from, to: from + 2 * M });
    expect(series.points.map((p) => p.count)).toEqual([12, 12]);
  });

  it("serves a link's series", async () => {
    const series = SeriesSchema.parse(await (await bff.fetch(`/api/links/link-a-b/series?metric=link_rtt_seconds&from=${from}&to=${from + M}`)).json());
    expect(series).toMatchObject({ linkId: 'link-a-b', resolution: 'raw' });
    expect(series.points).toHaveLength(12);
  });

  it('answers 400 naming the parameter, whether the BFF or the control plane finds the fault', async () => {
    const field = async (path: string) => {
      const res = await bff.fetch(path);
      expect(res.status, path).toBe(400);
      return ErrorBodySchema.parse(await res.json()).error.fields?.map((f) => f.field);
    };
    expect(await field('/api/sites/site-a/series?metric=nope')).toEqual(['metric']);
    expect(await field('/api/sites/site-a/series?metric=link_rtt_seconds')).toEqual(['metric']);
    expect(await field(`/api/sites/site-a/series?metric=site_pue_ratio&from=${from}&to=${from - M}`)).toEqual(['from']);
    // Only the control plane knows "now": a range from 500 days ago to now is too long.
    expect(await field(`/api/sites/site-a/series?metric=site_pue_ratio&from=${Date.now() - 500 * 86_400_000}`)).toEqual(['from']);
    expect(await field(`/api/sites/site-a/series?metric=site_pue_ratio&from=${from - 86_400_000}&to=${from}&step=5s`)).toEqual(['step']);
  });

  it('answers 404 for a site or link no control plane knows', async () => {
    const res = await bff.fetch('/api/sites/atlantis/series?metric=site_pue_ratio');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.message).toBe('no site "atlantis"');
    expect((await bff.fetch('/api/links/no-cable/series?metric=link_rtt_seconds')).status).toBe(404);
  });
});

describe('BFF series against a stand-in control plane', () => {
  const canned: Series = { metric: 'site_it_power_watts', unit: 'watts', kind: 'gauge', siteId: 'site-a', resolution: '1m', stepMs: 300_000, from: 0, to: 0, points: [{ t: 0, avg: 1 }] };

  it('passes the parameters through in canonical form and parses the answer', async () => {
    const seen: string[] = [];
    const fake = await fakeUpstream((req, res) => {
      seen.push(req.url!);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(canned));
    });
    const bff = await startBff([fake.url]);
    try {
      const res = await bff.fetch('/api/sites/site-a/series?metric=site_it_power_watts&from=2026-06-21T10:00:00Z&to=2026-06-21T13:00:00%2B02:00&step=5m&ignored=1');
      expect(res.status).toBe(200);
      expect(SeriesSchema.parse(await res.json())).toEqual(canned);
      const url = new URL(seen[0]!, 'http://x');
      expect(url.pathname).toBe('/v1/sites/site-a/series');
      expect(Object.fromEntries(url.searchParams)).toEqual({ metric: 'site_it_power_watts', from: String(Date.UTC(2026, 5, 21, 10)), to: String(Date.UTC(2026, 5, 21, 11)), step: '300000' });

      // A bad query never reaches the control plane.
      expect((await bff.fetch('/api/sites/site-a/series?metric=site_it_power_watts&step=often')).status).toBe(400);
      expect(seen).toHaveLength(1);
    } finally {
      await bff.close();
      await fake.close();
    }
  });

  it('answers 502 when the control plane sends a series that does not parse', async () => {
    const fake = await fakeUpstream((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ...canned, resolution: '5m' }));
    });
    const bff = await startBff([fake.url]);
    try {
      const res = await bff.fetch('/api/sites/site-a/series?metric=site_it_power_watts');
      expect(res.status).toBe(502);
      expect(ErrorBodySchema.parse(await res.json()).error.message).toMatch(/malformed body \(resolution/);
    } finally {
      await bff.close();
      await fake.close();
    }
  });
});
