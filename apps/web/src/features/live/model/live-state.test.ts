import type { LiveSnapshot, SiteHealth, TelemetryFrame } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { applyBatch, emptyBatch, eventsAfter, fromSnapshot, mergeEntity, type LiveBatch } from './live-state.ts';

const snapshot: LiveSnapshot = {
  lastEventId: 100,
  frame: {
    at: 1_000,
    sites: { rabat: { site_it_power_watts: 5e6, site_facility_power_watts: 6e6, site_pue_ratio: 1.2 }, dakar: { site_it_power_watts: 1e6 } },
    links: { medusa: { link_rtt_seconds: 0.014, link_loss_ratio: 0 } },
  },
  health: { rabat: { siteId: 'rabat', status: 'operational', since: 500 } },
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
    expect(state.health.rabat!.status).toBe('operational');
  });

  it('merges a frame: only the sites in it change, the others keep their identity', () => {
    const state = fromSnapshot(snapshot);
    const next = applyBatch(state, batch({ frames: [frame(2_000, { rabat: { site_pue_ratio: 1.5 } })], lastEventId: 101 }));
    expect(next.sites.rabat).toEqual({ at: 2_000, values: { site_it_power_watts: 5e6, site_facility_power_watts: 6e6, site_pue_ratio: 1.5 } });
    expect(next.sites.dakar).toBe(state.sites.dakar);
    expect(next.links).toBe(state.links);
    expect(next.health).toBe(state.health);
    expect(next.at).toBe(2_000);
    expect(next.lastEventId).toBe(101);
  });

  it('is idempotent: the same batch twice gives the same state, and the second time the same object', () => {
    const b = batch({ frames: [frame(2_000, { rabat: { site_pue_ratio: 1.5 } })], health: [{ siteId: 'rabat', status: 'degraded', since: 2_000 }], lastEventId: 101 });
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
    const degraded: SiteHealth = { siteId: 'rabat', status: 'degraded', reason: 'cooling failure (injected fault)', since: 2_000 };
    const next = applyBatch(fromSnapshot(snapshot), batch({ health: [degraded] }));
    expect(next.health.rabat).toBe(degraded);
    const stale = applyBatch(next, batch({ health: [{ siteId: 'rabat', status: 'operational', since: 1_500 }] }));
    expect(stale.health.rabat!.status).toBe('degraded');
    const recovered = applyBatch(next, batch({ health: [{ siteId: 'rabat', status: 'operational', since: 4_000 }] }));
    expect(recovered.health.rabat!.status).toBe('operational');
  });

  it('adds and removes faults by id, idempotently', () => {
    const injected = applyBatch(fromSnapshot(snapshot), batch({ faults: [{ action: 'injected', fault: cooling }] }));
    expect(Object.keys(injected.faults)).toEqual(['f1']);
    expect(applyBatch(injected, batch({ faults: [{ action: 'injected', fault: cooling }] }))).toBe(injected);
    const cleared = applyBatch(injected, batch({ faults: [{ action: 'cleared', fault: cooling }] }));
    expect(cleared.faults).toEqual({});
    expect(applyBatch(cleared, batch({ faults: [{ action: 'cleared', fault: cooling }] }))).toBe(cleared);
    // Injected then cleared within one batch: nothing left.
    expect(applyBatch(fromSnapshot(snapshot), batch({ faults: [{ action: 'injected', fault: cooling }, { action: 'cleared', fault: cooling }] })).faults).toEqual({});
  });

  it('keeps an entity object when a frame repeats its values', () => {
    const state = fromSnapshot(snapshot);
    expect(mergeEntity(state.sites.rabat, 1_000, { site_pue_ratio: 1.2 })).toBe(state.sites.rabat);
  });

  it('replays only the events newer than a snapshot', () => {
    expect(eventsAfter([{ id: 99 }, { id: 100 }, { id: 101 }], 100)).toEqual([{ id: 101 }]);
  });
});
