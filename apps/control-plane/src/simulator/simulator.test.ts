import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@corridor/http-kit';
import type { Sample, TelemetryFrame } from '@corridor/shared';
import { EventBus } from '../events/event-bus.ts';
import { LiveState } from '../events/live-state.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import { TelemetryIngest } from '../telemetry/telemetry-ingest.ts';
import { DEFAULT_RETENTION, type EntityKind, type TelemetryStore } from '../telemetry/telemetry-store.ts';
import { Simulator } from './simulator.ts';

const T0 = Date.UTC(2026, 5, 21, 12);
const TICK_MS = 5000;
const site = {
  id: 'rabat',
  lat: 34.02,
  lon: -6.84,
  country: 'MA',
  status: 'operational' as const,
  itCapacityMw: 7.5,
  designPue: 1.2,
  onSiteSolarMw: 1,
  gridCarbonGPerKwh: 551,
  clusters: [{ gpuCount: 4000, kwPerGpu: 1.3 }],
};
const link = { id: 'rabat-dakar', rttMs: 40, lengthKm: 2500, from: { id: 'rabat', lon: -6.84 }, to: { id: 'dakar', lon: -17.45 } };
const fleet = { current: async () => ({ sites: [site], links: [link], siteById: new Map([[site.id, { site, links: [] }]]) }) } as unknown as FleetService;

/** A store that keeps what it is given and knows the entities named in `known` (`kind:id`). */
function memoryStore(known: ReadonlySet<string>) {
  const stored: Sample[][] = [];
  const store = {
    retention: DEFAULT_RETENTION,
    async insert(samples: readonly Sample[]) {
      stored.push([...samples]);
      return { inserted: samples.length };
    },
    async knownEntities(kind: EntityKind, ids: readonly string[]) {
      return new Set(ids.filter((id) => known.has(`${kind}:${id}`)));
    },
  } as unknown as TelemetryStore;
  return { store, stored };
}

function simulatorOver(known: ReadonlySet<string>, skipSites?: string[]) {
  const { store, stored } = memoryStore(known);
  const bus = new EventBus();
  const live = new LiveState(bus);
  const frames: TelemetryFrame[] = [];
  bus.subscribe((e) => e.type === 'telemetry' && frames.push(e.data));
  const logger = { warn: vi.fn(), error: vi.fn(), info: vi.fn(), debug: vi.fn() } as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
  const ingest = new TelemetryIngest(store, live, () => T0);
  const sim = new Simulator({ fleet, ingest, live, logger, now: () => T0, options: { seed: 7, tickMs: TICK_MS, timeWarp: 1, ...(skipSites ? { skipSites } : {}) } });
  return { sim, stored, frames, logger, live };
}

describe('Simulator through the telemetry ingest', () => {
  it('hands each tick to the ingest as one batch: stored once, one frame on the live stream', async () => {
    const { sim, stored, frames } = simulatorOver(new Set(['site:rabat', 'link:rabat-dakar']));
    const first = await sim.tick(T0);
    const second = await sim.tick(T0 + TICK_MS);
    expect(stored).toEqual([first, second]);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatchObject({ at: T0 + TICK_MS, sites: { rabat: { site_pue_ratio: expect.any(Number) } }, links: { 'rabat-dakar': { link_rtt_seconds: expect.any(Number) } } });
  });

  it('publishes only what the ingest accepts, and says what it refused', async () => {
    // The link is no longer in the store's fleet (changed under the tick): its samples are refused.
    const { sim, stored, frames, logger } = simulatorOver(new Set(['site:rabat']));
    const samples = await sim.tick(T0);
    expect(stored[0]).toEqual(samples.filter((s) => s.siteId === 'rabat'));
    expect(frames[0]!.links).toEqual({});
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ first: expect.objectContaining({ reason: 'linkId: no link "rabat-dakar"' }) }), expect.stringMatching(/refused/));
  });

  it('leaves a site with a real feed (skipSites) to it: no samples of it, and no data until its feed reports', async () => {
    const { sim, live } = simulatorOver(new Set(['site:rabat', 'link:rabat-dakar']), ['rabat']);
    const samples = await sim.tick(T0);
    expect(samples.some((s) => s.siteId === 'rabat')).toBe(false);
    expect(samples.some((s) => s.linkId === 'rabat-dakar')).toBe(true);
    expect(live.snapshot().health.rabat).toMatchObject({ declared: 'operational', health: 'no-data' });
  });

  it('keeps site health its own: a site-down fault is a health event and a dark frame', async () => {
    const { sim, frames, live } = simulatorOver(new Set(['site:rabat', 'link:rabat-dakar']));
    await sim.tick(T0);
    await sim.inject({ kind: 'site-down', siteId: 'rabat' });
    expect(live.snapshot().health.rabat).toMatchObject({ declared: 'operational', health: 'down' });
    expect(frames.at(-1)!.sites.rabat).toMatchObject({ site_it_power_watts: 0, site_availability_ratio: 0 });
  });
});
