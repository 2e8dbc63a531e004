import { gzipSync } from 'node:zlib';
import { metrics as otelMetrics } from '@opentelemetry/api';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesSchema, type MetricName } from '@corridor/shared';
import { decodeMetricsResponse, decodeStatus, encodeMetricsRequest } from '../src/telemetry/otlp-proto.ts';
import { serviceHeaders } from './auth.ts';
import { STORE_KINDS } from './stores.ts';
import { telemetryHarness, type TelemetryHarness } from './telemetry-harness.ts';

const MINUTE = 60_000;
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const pue = (atMs: number, asDouble: number, site = 'site-a') => ({
  resourceMetrics: [{ resource: { attributes: [str('site.id', site)] }, scopeMetrics: [{ metrics: [{ name: 'site_pue_ratio', gauge: { dataPoints: [{ timeUnixNano: nanos(atMs), asDouble }] } }] }] }],
});

describe.each(STORE_KINDS)('OTLP/HTTP protobuf ingest on %s', (kind) => {
  let h: TelemetryHarness;
  const base = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;

  const values = async (metric: MetricName, entity = 'sites/site-a', from = Date.now() - 10 * MINUTE, to = Date.now() + MINUTE) => {
    const res = await h.get(`/v1/${entity}/series?metric=${metric}&from=${from}&to=${to}&step=1s`);
    if (res.status !== 200) throw new Error(`series ${res.status}: ${JSON.stringify(res.body)}`);
    return SeriesSchema.parse(res.body).points.map((p) => p.avg);
  };
  const send = async (body: Uint8Array, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.url}/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...serviceHeaders(), ...headers }, body: Buffer.from(body) });
    return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await telemetryHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores what the real OpenTelemetry exporters send, protobuf and JSON: a gauge and a counter', { timeout: 60_000 }, async () => {
    const exporters: [string, PushMetricExporter][] = [
      ['site-a', new ProtoExporter({ url: `${h.url}/v1/metrics`, headers: serviceHeaders() })],
      ['site-b', new JsonExporter({ url: `${h.url}/v1/metrics`, headers: serviceHeaders() })],
    ];
    for (const [site, exporter] of exporters) {
      const provider = new MeterProvider({
        resource: resourceFromAttributes({ 'site.id': site, 'service.name': 'corridor-test' }),
        readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
      });
      const meter = provider.getMeter('corridor-test');
      meter.createGauge('site_inlet_temperature_celsius').record(23.5);
      const energy = meter.createCounter('site_it_energy_joules_total');
      energy.add(1200);
      energy.add(300);
      await provider.shutdown(); // one last collection, exported: what a force flush does, once
    }
    otelMetrics.disable();
    for (const site of ['site-a', 'site-b']) {
      expect(await values('site_inlet_temperature_celsius', `sites/${site}`), site).toEqual([23.5]);
      // A cumulative counter with its start time: its first point counts all since the start.
      expect(await values('site_it_energy_joules_total', `sites/${site}`), site).toEqual([1500]);
    }
  });

  it('answers an ExportMetricsServiceResponse in protobuf, plain or gzip, with partial success for rejected points', async () => {
    const plain = await send(encodeMetricsRequest(pue(base, 1.25)));
    expect([plain.status, plain.type]).toEqual([200, 'application/x-protobuf']);
    expect(decodeMetricsResponse(plain.bytes)).toEqual({});

    const gzipped = await send(gzipSync(encodeMetricsRequest(pue(base + 1000, 1.5))), { 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(await values('site_pue_ratio', 'sites/site-a', base, base + MINUTE)).toEqual([1.25, 1.5]);

    const partial = await send(encodeMetricsRequest(pue(base + 2000, 1.3, 'atlantis')));
    expect(partial.status).toBe(200);
    expect(decodeMetricsResponse(partial.bytes)).toEqual({ partialSuccess: { rejectedDataPoints: '1', errorMessage: expect.stringMatching(/site.id: no site "atlantis"/) } });
  });

  it('answers errors as google.rpc.Status: 400 for bytes that are not the message, 413 for a gzip bomb, 415 for other encodings', async () => {
    const garbage = await send(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect([garbage.status, garbage.type]).toEqual([400, 'application/x-protobuf']);
    expect(decodeStatus(garbage.bytes)).toEqual({ code: 3, message: expect.stringMatching(/not a protobuf ExportMetricsServiceRequest/) });

    // 40 MB of zeros, about 40 KB gzipped: refused once the inflated bytes pass the limit, never inflated whole.
    const bomb = await send(gzipSync(Buffer.alloc(40 * 1024 * 1024)), { 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect(decodeStatus(bomb.bytes).message).toMatch(/over the limit/);

    const compressed = await send(encodeMetricsRequest(pue(base, 1.2)), { 'content-encoding': 'compress' });
    expect(compressed.status).toBe(415);
    expect(decodeStatus(compressed.bytes).message).toMatch(/Content-Encoding compress is not supported/);

    const text = await h.post('/v1/metrics', 'resourceMetrics', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body.error.message).toMatch(/application\/json or application\/x-protobuf/);
    expect(await values('site_pue_ratio', 'sites/site-a', base, base + 1000)).toEqual([1.25]);
  });

  it('takes gzip JSON too, and refuses an unknown encoding of JSON with 415', async () => {
    const json = (encoding: string, bytes: Buffer) =>
      fetch(`${h.url}/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...serviceHeaders() }, body: new Uint8Array(bytes) }).then(
        async (r) => ({
          status: r.status,
          body: await r.json(),
        }),
      );
    expect(await json('gzip', gzipSync(JSON.stringify(pue(base + 5000, 1.4))))).toEqual({ status: 200, body: {} });
    expect((await json('compress', Buffer.from(JSON.stringify(pue(base + 6000, 1.4))))).status).toBe(415);
  });
});
