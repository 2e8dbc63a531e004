import { SiteDetailSchema, SiteRowListSchema, summarizeFleet } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { createRandom, generateSyntheticFleet, SYNTHETIC_REGIONS, syntheticRowById, syntheticSiteDetail } from './synthetic-fleet.ts';

describe('synthetic fleet', () => {
  it('is deterministic, and the first sites do not depend on the size', () => {
    const a = generateSyntheticFleet(5000);
    expect(generateSyntheticFleet(5000)).toEqual(a);
    expect(generateSyntheticFleet(100)).toEqual(a.slice(0, 100));
    expect(generateSyntheticFleet(100, 7)).not.toEqual(a.slice(0, 100));
  });

  it('produces rows the API contract accepts, with unique ids', () => {
    const sites = generateSyntheticFleet(2000);
    expect(SiteRowListSchema.safeParse({ sites }).success).toBe(true);
    expect(new Set(sites.map((s) => s.id)).size).toBe(2000);
  });

  it('places every site inside a land box of its own country', () => {
    for (const site of generateSyntheticFleet(3000)) {
      const inside = SYNTHETIC_REGIONS.some((r) => r.country === site.country && site.lat >= r.box[0] && site.lat <= r.box[1] && site.lon >= r.box[2] && site.lon <= r.box[3]);
      expect(inside, site.id).toBe(true);
    }
  });

  it('spreads over Europe, Africa and the Americas with a realistic status mix', () => {
    const sites = generateSyntheticFleet(5000);
    const summary = summarizeFleet(sites, 0);
    expect(summary.siteCount).toBe(5000);
    expect(summary.countryCount).toBeGreaterThanOrEqual(12);
    expect(summary.sitesByStatus.operational).toBeGreaterThan(3000);
    expect(summary.sitesByStatus.offline).toBeGreaterThan(0);
  });

  it('gives each site a detail view the panel can show', () => {
    const [site] = generateSyntheticFleet(1);
    const detail = syntheticSiteDetail(site!);
    expect(SiteDetailSchema.safeParse(detail).success).toBe(true);
    expect(detail.site.clusters.reduce((n, c) => n + c.gpuCount, 0)).toBe(site!.gpuCount);
  });

  it('has a PRNG in [0, 1)', () => {
    const random = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('syntheticRowById', () => {
  it('finds a site of the fleet by id, and nothing beyond its size', () => {
    const fleet = generateSyntheticFleet(50);
    expect(syntheticRowById('syn-00042', 50)).toEqual(fleet[41]);
    expect(syntheticRowById('syn-00051', 50)).toBeUndefined();
    expect(syntheticRowById('rabat-1', 50)).toBeUndefined();
  });
});
