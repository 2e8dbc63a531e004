import type { LiveSnapshot, SiteHealth, TelemetryFrame } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { applyBatch, emptyBatch, eventsAfter, fromSnapshot, mergeEntity, type LiveBatch, type LiveState } from './live-state.ts';

const snapshot: LiveSnapshot = {
  lastEventId: 100,
  frame: {
    at: 1_000,
    sites: { rabat: { site_it_power_watts: 5e6, site_facility_power_watts: 6e6, site_pue_ratio: 1.2 }, dakar: { site_it_power_watts: 1e6 } },
    links: { medusa: { link_rtt_seconds: 0.014, link_loss_ratio: 0 } },
  },
  health: { rabat: { siteId: 'rabat', declared: 'operational', health: 'ok', since: 500 } },
  faults: [],
};

const frame = (at: number, sites: TelemetryFrame['sites'], links: TelemetryFrame['links'] = {}): TelemetryFrame => ({ at, sites, links });
const batch = (patch: Partial<LiveBatch>): LiveBatch => ({ ...emptyBatch(), ...patch });
const cooling = { id: 'f1', kind: 'cooling-failure' as const, siteId: 'rabat', sinceMs: 2_000 };

describe('live state', () => {
  it('starts from the snapshot, each entity stamped with the frame instant', () => {
    const state = fromSnapshot(snapshot);
    expect(state.lastEventId).toBe(100);
    expect(state.sites.rabat).toEqual({ at: 1_000, values: snapshot.frame.sites.rabat });
    expect(state.links.medusa!.values.link_rtt_seconds).toBe(0.014);
    expect(state.health.rabat!.health).toBe('ok');
  });

  it('merges a frame: only the sites in it change, the others keep their identity', () => {
    const state = fromSnapshot(snapshot);
    const next = applyBatch(state, batch({ frames: [frame(2_000, { rabat: { site_pue_ratio: 1.5 } })], lastEventId: 101 }));
    expect(next.sites.rabat).toEqual({
      at: 2_000,
      values: { site_it_power_watts: 5e6, site_facility_power_watts: 6e6, site_pue_ratio: 1.5 },
      // When each metric this frame left out was last reported (the snapshot's instant; those it
      // reported were reported at `at`), and each metric's cadence once it has been reported twice.
      seen: { site_it_power_watts: 1_000, site_facility_power_watts: 1_000 },
      every: { site_pue_ratio: 1_000 },
    });
    expect(next.sites.dakar).toBe(state.sites.dakar);
    expect(next.links).toBe(state.links);
    expect(next.health).toBe(state.health);
    expect(next.at).toBe(2_000);
    expect(next.lastEventId).toBe(101);
  });

  it('is idempotent: the same batch twice gives the same state, and the second time the same object', () => {
    const b = batch({ frames: [frame(2_000, { rabat: { site_pue_ratio: 1.5 } })], health: [{ siteId: 'rabat', declared: 'operational', health: 'degraded', since: 2_000 }], lastEventId: 101 });
    const once = applyBatch(fromSnapshot(snapshot), b);
    const twice = applyBatch(once, b);
    expect(twice).toBe(once);
  });

  it('never lets an older frame overwrite newer values, but lets it fill metrics never seen', () => {
    const newer = applyBatch(fromSnapshot(snapshot), batch({ frames: [frame(3_000, { rabat: { site_pue_ratio: 1.6 } })] }));
    const late = applyBatch(newer, batch({ frames: [frame(2_000, { rabat: { site_pue_ratio: 1.3, gpu_sm_active_ratio: 0.7 } })] }));
    expect(late.sites.rabat!.values.site_pue_ratio).toBe(1.6);
    expect(late.sites.rabat!.values.gpu_sm_active_ratio).toBe(0.7);
    expect(late.sites.rabat!.at).toBe(3_000);
    expect(late.at).toBe(3_000);
    // Frames within one batch apply in any order to the same result.
    const a = applyBatch(fromSnapshot(snapshot), batch({ frames: [frame(3_000, { dakar: { site_it_power_watts: 3 } }), frame(2_000, { dakar: { site_it_power_watts: 2 } })] }));
    expect(a.sites.dakar!.values.site_it_power_watts).toBe(3);
  });

  it('adds sites and links it has not seen', () => {
    const next = applyBatch(fromSnapshot(snapshot), batch({ frames: [frame(2_000, { accra: { site_it_power_watts: 1 } }, { wacs: { link_loss_ratio: 0.02 } })] }));
    expect(next.sites.accra!.values.site_it_power_watts).toBe(1);
    expect(next.links.wacs!.values.link_loss_ratio).toBe(0.02);
  });

  it('replaces a site health unless the report is older than the one known', () => {
    const degraded: SiteHealth = { siteId: 'rabat', declared: 'operational', health: 'degraded', reason: 'cooling failure (injected fault)', since: 2_000 };
    const next = applyBatch(fromSnapshot(snapshot), batch({ health: [degraded] }));
    expect(next.health.rabat).toBe(degraded);
    const stale = applyBatch(next, batch({ health: [{ siteId: 'rabat', declared: 'operational', health: 'ok', since: 1_500 }] }));
    expect(stale.health.rabat!.health).toBe('degraded');
    const recovered = applyBatch(next, batch({ health: [{ siteId: 'rabat', declared: 'operational', health: 'ok', since: 4_000 }] }));
    expect(recovered.health.rabat!.health).toBe('ok');
  });

  it('adds and removes faults by id, idempotently', () => {
    const injected = applyBatch(fromSnapshot(snapshot), batch({ faults: [{ action: 'injected', fault: cooling }] }));
    expect(Object.keys(injected.faults)).toEqual(['f1']);
    expect(applyBatch(injected, batch({ faults: [{ action: 'injected', fault: cooling }] }))).toBe(injected);
    const cleared = applyBatch(injected, batch({ faults: [{ action: 'cleared', fault: cooling }] }));
    expect(cleared.faults).toEqual({});
    expect(applyBatch(cleared, batch({ faults: [{ action: 'cleared', fault: cooling }] }))).toBe(cleared);
    // Injected then cleared within one batch: nothing left.
    expect(
      applyBatch(
        fromSnapshot(snapshot),
        batch({
          faults: [
            { action: 'injected', fault: cooling },
            { action: 'cleared', fault: cooling },
          ],
        }),
      ).faults,
    ).toEqual({});
  });

  it('keeps an entity object when a frame repeats its values', () => {
    const state = fromSnapshot(snapshot);
    expect(mergeEntity(state.sites.rabat, 1_000, { site_pue_ratio: 1.2 })).toBe(state.sites.rabat);
  });

  describe('metrics a site stops reporting (site down)', () => {
    // What the simulator sends each tick for a site in service, and for the same site down: power and
    // availability 0, the outdoor temperature still measured, no PUE and no GPU temperatures.
    const up = {
      site_it_power_watts: 5e6,
      site_facility_power_watts: 6e6,
      site_pue_ratio: 1.2,
      gpu_temperature_mean_celsius: 61,
      gpu_temperature_max_celsius: 74,
      site_availability_ratio: 1,
      site_ambient_temperature_celsius: 24,
    };
    const down = { site_it_power_watts: 0, site_facility_power_watts: 0, site_availability_ratio: 0, site_gpus_busy: 0, site_gpus_free: 0, site_ambient_temperature_celsius: 23 };
    const TICK = 1_000;
    const tick = (state: LiveState, at: number, values: TelemetryFrame['sites'][string]) => applyBatch(state, batch({ frames: [frame(at, { rabat: values })] }));
    /** Rabat reporting normally at 1 s, 2 s … 5 s, from an empty console. */
    const reporting = () => [1, 2, 3, 4, 5].reduce((s, i) => tick(s, i * TICK, up), fromSnapshot({ ...snapshot, frame: { at: 0, sites: {}, links: {} } }));

    it('drops a metric absent from the frames for more than the window, keeps what the site still reports', () => {
      let state = reporting();
      state = tick(state, 6 * TICK, down);
      state = tick(state, 7 * TICK, down);
      // Two missed ticks (2 s < 2.5 × 1 s): still shown.
      expect(state.sites.rabat!.values.site_pue_ratio).toBe(1.2);
      state = tick(state, 8 * TICK, down);
      // The third (3 s > 2.5 s): gone, and the GPU temperatures with it.
      expect(state.sites.rabat!.values).toEqual(down);
      expect(state.sites.rabat!.at).toBe(8 * TICK);
      // It comes back with the first frame that reports it.
      state = tick(state, 9 * TICK, up);
      expect(state.sites.rabat!.values).toEqual({ ...down, ...up });
    });

    it('keeps a metric missing from a single frame (or two): no flicker', () => {
      let state = reporting();
      const { site_pue_ratio: _pue, ...withoutPue } = up;
      state = tick(state, 6 * TICK, withoutPue);
      expect(state.sites.rabat!.values.site_pue_ratio).toBe(1.2);
      state = tick(state, 7 * TICK, up);
      state = tick(state, 8 * TICK, withoutPue);
      state = tick(state, 9 * TICK, withoutPue);
      expect(state.sites.rabat!.values.site_pue_ratio).toBe(1.2);
      expect(state.sites.rabat!.values.gpu_temperature_max_celsius).toBe(74);
    });

    it("measures the window in the metric's own cadence, not a fixed time", () => {
      // Power every second, PUE every 10 s (an ingest source may do that): once PUE has been reported
      // twice it is never dropped between its reports. (Before that its cadence is unknown and the
      // site's slowest known one, power's 1 s, stands in for it.)
      let state = fromSnapshot({ ...snapshot, frame: { at: 0, sites: {}, links: {} } });
      for (let i = 1; i <= 40; i++) {
        state = tick(state, i * TICK, i % 10 === 0 ? { site_it_power_watts: i, site_pue_ratio: 1 + i / 100 } : { site_it_power_watts: i });
        if (i >= 20) expect(state.sites.rabat!.values.site_pue_ratio).toBe(1 + Math.floor(i / 10) / 10);
      }
      // … and it goes 2.5 of its own intervals after its last report.
      for (let i = 41; i <= 65; i++) state = tick(state, i * TICK, { site_it_power_watts: i });
      expect(state.sites.rabat!.values.site_pue_ratio).toBe(1.4);
      state = tick(state, 66 * TICK, { site_it_power_watts: 66 });
      expect(state.sites.rabat!.values.site_pue_ratio).toBeUndefined();
    });

    it("drops a metric loaded from the snapshot once the site's frames show it stopped", () => {
      // The snapshot knows no cadence: the site's other metrics tell it (here 1 s).
      let state = fromSnapshot({ ...snapshot, frame: { at: 1_000, sites: { rabat: up }, links: {} } });
      for (const at of [2_000, 3_000]) state = tick(state, at, down);
      expect(state.sites.rabat!.values.site_pue_ratio).toBe(1.2);
      state = tick(state, 4_000, down);
      expect(state.sites.rabat!.values.site_pue_ratio).toBeUndefined();
    });

    it('never lets a late frame bring back a dropped metric, whatever the order of a batch', () => {
      const base = reporting();
      const frames = [6, 7, 8].map((i) => frame(i * TICK, { rabat: down }));
      // A replay of the last frame before the outage, after the frames that dropped PUE.
      const replay = frame(5 * TICK, { rabat: up });
      const inOrder = applyBatch(base, batch({ frames: [replay, ...frames] }));
      const shuffled = applyBatch(base, batch({ frames: [...frames, replay] }));
      expect(inOrder.sites.rabat!.values).toEqual(down);
      expect(shuffled.sites.rabat!.values).toEqual(down);
      // Replaying the same frames changes nothing, not even the object.
      expect(applyBatch(shuffled, batch({ frames: [...frames, replay] }))).toBe(shuffled);
    });
  });

  it('replays only the events newer than a snapshot', () => {
    expect(eventsAfter([{ id: 99 }, { id: 100 }, { id: 101 }], 100)).toEqual([{ id: 101 }]);
  });
});
