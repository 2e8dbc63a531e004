import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger, errorHandler, mountRoutes, notFound, requestId } from '@corridor/http-kit';
import { LIMITS, type FleetFile, type Sample } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { syncFleet } from '../src/fleet/fleet-store.ts';
import { openDb, type Db } from '@corridor/store';
import { migrate } from '../src/store/migrate.ts';
import { SeriesService } from '../src/telemetry/series-service.ts';
import { TelemetryIngest } from '../src/telemetry/telemetry-ingest.ts';
import { createTelemetryStore, RAW_SAMPLES } from '../src/telemetry/telemetry-store-sql.ts';
import type { TelemetryStore } from '../src/telemetry/telemetry-store.ts';
import { telemetryRoutes } from '../src/telemetry/telemetry.routes.ts';
import { freshStore, type StoreKind } from './stores.ts';

const logger = createLogger('telemetry-test', 'silent');

export interface TelemetryHarness {
  url: string;
  db: Db;
  telemetry: TelemetryStore;
  /** Every batch handed to the live stream. */
  published: Sample[][];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads an arbitrary JSON answer by path and asserts the shape it reads
  post(path: string, body: unknown, contentType?: string): Promise<{ status: number; body: any }>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads an arbitrary JSON answer by path and asserts the shape it reads
  get(path: string): Promise<{ status: number; body: any }>;
  /** Rows in the raw table and both rollups. */
  rows(): Promise<{ raw: number; minute: number; hour: number }>;
  close(): Promise<void>;
}

/**
 * The telemetry routes on a fresh store of the given kind, seeded with a fleet (sites site-a and site-b,
 * link link-a-b), mounted as the control plane mounts them (their own body parser, not the general 1 MB
 * one), without the access gate.
 */
export async function telemetryHarness(kind: StoreKind, options: { now?: () => number; fleet?: FleetFile } = {}): Promise<TelemetryHarness> {
  const store = await freshStore(kind);
  const db = await openDb(store);
  await migrate(db);
  await syncFleet(db, options.fleet ?? buildFleetFile(), 'test');
  const telemetry = createTelemetryStore(db);
  const published: Sample[][] = [];

  const app = express();
  app.use(requestId());
  const ingest = new TelemetryIngest(telemetry, { publishSamples: (s) => published.push([...s]) }, options.now);
  const series = new SeriesService(telemetry, options.now);
  const bodyParser = express.json({ limit: LIMITS.maxJsonBodyBytes });
  app.use('/v1', mountRoutes(express.Router(), telemetryRoutes, { deps: { ingest, series }, gate: () => undefined, bodyParser }));
  app.use(notFound());
  app.use(errorHandler(logger));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const answer = async (res: Response) => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text for the assertion to show */
    }
    return { status: res.status, body };
  };
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  return {
    url,
    db,
    telemetry,
    published,
    post: async (path, body, contentType = 'application/json') =>
      answer(await fetch(url + path, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) })),
    get: async (path) => answer(await fetch(url + path)),
    rows: async () => ({ raw: await count(`${RAW_SAMPLES} r`), minute: await count('telemetry_minutes'), hour: await count('telemetry_rollup_1h') }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      await store.cleanup();
    },
  };
}

/** A valid site sample; `at` defaults to a minute ago. */
export function siteSample(overrides: Partial<Sample> = {}): Sample {
  return { metric: 'site_it_power_watts', siteId: 'site-a', at: Math.floor(Date.now() / 1000) * 1000 - 60_000, value: 5e6, ...overrides };
}
