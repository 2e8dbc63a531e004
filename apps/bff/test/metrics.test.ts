// GET /metrics on both servers, scraped as Prometheus would: the text format, bounded labels, and who may scrape.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildFleetFile } from '@corridor/shared/testing';
import { startControlPlane } from '@corridor/control-plane';
import { DEFAULT_POLICY_DIR } from '@corridor/control-plane/config';
import { SERVICE_TOKEN, silent, startBff } from './harness.ts';
import { eventually, openBrowser, startStreamBff } from './stream-helpers.ts';
import { seedPglite } from '../../control-plane/test/pglite-template.ts';

type ControlPlane = Awaited<ReturnType<typeof startControlPlane>>;
let dataDir: string;
let cp: ControlPlane;
let bff: Awaited<ReturnType<typeof startStreamBff>>;

const bearer = { authorization: `Bearer ${SERVICE_TOKEN}` };

async function scrape(base: string, headers: Record<string, string> = bearer): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${base}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** Every line of the text exposition format is a comment (# HELP / # TYPE) or `name{labels} value`. */
function expectExpositionFormat(text: string): void {
  const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|[+-]Inf)$/;
  const bad = text
    .split('\n')
    .filter((line) => line !== '')
    .filter((line) => !/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line) && !sample.test(line));
  expect(bad).toEqual([]);
}

/** The sum of the samples whose name and labels contain all of `parts`; undefined when there is none. */
function valueOf(text: string, name: string, ...parts: string[]): number | undefined {
  const lines = text.split('\n').filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && parts.every((p) => l.includes(p)));
  return lines.length === 0 ? undefined : lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

beforeAll(async () => {
  dataDir = seedPglite(mkdtempSync(join(tmpdir(), 'corridor-metrics-')), 'control-plane', { migrated: true });
  const fleetFile = join(dataDir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(buildFleetFile()));
  cp = await startControlPlane(
    { port: 0, host: '127.0.0.1', dataDir, fleetFile, policyDir: DEFAULT_POLICY_DIR, serviceToken: SERVICE_TOKEN, simulator: { seed: 1, tickMs: 200, timeWarp: 1 } },
    silent,
  );
  bff = await startStreamBff([cp.url]);
}, 60_000);

afterAll(async () => {
  await bff?.close();
  await cp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('BFF /metrics', () => {
  it('counts requests by declared route, never by raw URL, in the Prometheus text format', async () => {
    const hostile = 'wl-"}\nevil{x="1';
    for (const id of ['a1', 'a2', encodeURIComponent(hostile)]) await bff.fetch(`/api/workloads/${id}`);
    await bff.fetch('/no/such/page/at/all');
    const { status, type, text } = await scrape(bff.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expectExpositionFormat(text);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(valueOf(text, 'http_request_duration_seconds_count', 'method="GET"', 'route="/api/workloads/:id"')).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain('a1');
    expect(text).not.toContain('evil');
    expect(text).not.toContain('/no/such');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts browsers on the live stream and the subscription to each control plane', async () => {
    const browser = await openBrowser(bff);
    try {
      await eventually(async () => {
        const { text } = await scrape(bff.url);
        expect(valueOf(text, 'corridor_stream_clients')).toBe(1);
        expect(valueOf(text, 'corridor_upstream_subscription_connected', 'control_plane="control plane 1"')).toBe(1);
      });
    } finally {
      browser.close();
    }
    await eventually(async () => expect(valueOf((await scrape(bff.url)).text, 'corridor_stream_clients')).toBe(0));
  });

  it('counts upstream errors by control plane and kind', async () => {
    const cut = await startBff(['http://127.0.0.1:1'], { timeoutMs: 500 });
    try {
      expect((await cut.fetch('/api/capacity')).status).toBe(503);
      const { text } = await scrape(cut.url);
      expect(valueOf(text, 'corridor_upstream_errors_total', 'control_plane="control plane 1"', 'kind="')).toBeGreaterThanOrEqual(1);
      // Another app in the same process has a registry of its own: the first BFF saw no upstream error.
      expect(valueOf((await scrape(bff.url)).text, 'corridor_upstream_errors_total')).toBeUndefined();
    } finally {
      await cut.close();
    }
  });

  it('refuses a signed-in console user relayed from outside without the token, and a wrong token', async () => {
    // Through a reverse proxy (or HOST=0.0.0.0 behind one) the request carries X-Forwarded-For: not this host.
    const relayed = await scrape(bff.url, { cookie: bff.cookie, 'x-forwarded-for': '203.0.113.9' });
    expect(relayed.status).toBe(403);
    expect(relayed.text).not.toContain('http_request_duration_seconds');
    const wrong = await scrape(bff.url, { authorization: `Bearer ${SERVICE_TOKEN}x`, forwarded: 'for=203.0.113.9' });
    expect(wrong.status).toBe(403);
    expect((await scrape(bff.url, { ...bearer, 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
  });
});

describe('control plane /metrics', () => {
  it('counts ingested samples by outcome and the stream subscribers', async () => {
    const post = (samples: unknown[]) => fetch(`${cp.url}/v1/telemetry`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ samples }) });
    const before = (await scrape(cp.url)).text;
    const at = Date.now() - 60_000;
    expect(
      (
        await post([
          { metric: 'site_it_power_watts', siteId: 'site-a', at, value: 5e6 },
          { metric: 'no_such_metric', siteId: 'site-a', at, value: 1 },
        ])
      ).status,
    ).toBe(200);
    const { status, text } = await scrape(cp.url);
    expect(status).toBe(200);
    expectExpositionFormat(text);
    const delta = (outcome: string) => (valueOf(text, 'corridor_ingest_samples_total', `outcome="${outcome}"`) ?? 0) - (valueOf(before, 'corridor_ingest_samples_total', `outcome="${outcome}"`) ?? 0);
    expect(delta('accepted')).toBe(1);
    expect(delta('rejected')).toBe(1);
    expect(valueOf(text, 'http_request_duration_seconds_count', 'route="/v1/telemetry"', 'status="200"')).toBeGreaterThanOrEqual(1);
    // The BFF subscribes when a browser first follows the stream: open one here rather than rely on an earlier test.
    const browser = await openBrowser(bff);
    try {
      await eventually(async () => expect(valueOf((await scrape(cp.url)).text, 'corridor_stream_subscribers')).toBeGreaterThanOrEqual(1));
    } finally {
      browser.close();
    }
  });

  it('refuses a relayed request without the service token', async () => {
    expect((await scrape(cp.url, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
  });
});
