import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile } from '@corridor/shared/testing';
import type { Queryable } from '@corridor/store';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';
import { STORE_KINDS } from './stores.ts';

const COMMITS = 200;
/** Two sites with room for every commit: none is refused, so every answer is a 201. */
const fleet = buildFleetFile();
fleet.sites = fleet.sites.slice(0, 2).map((site) => ({ ...site, clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 4096 })] }));
fleet.links = [];

/** The plan's read of every site's usage (the per-site re-read under the lock names its site). */
const FLEET_USAGE = /GROUP BY site_id, gpu_model/;

// PostgreSQL only: PGlite runs one statement at a time in arrival order, so by the time the next plan
// asks, the read before it has always finished and there is nothing to share (nor anything lost).
describe.each(STORE_KINDS.filter((k) => k === 'postgres'))('plans of a burst share their usage reads on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, fleet);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`plans ${COMMITS} concurrent commits on fewer fleet usage reads than commits, and books each exactly once`, { timeout: 120_000 }, async () => {
    const db = h.cp.db as Queryable;
    const query = db.query.bind(db);
    let fleetReads = 0;
    db.query = ((sql: string, params?: unknown[]) => {
      if (FLEET_USAGE.test(sql) && !/site_id = \$1/.test(sql)) fleetReads++;
      return query(sql, params);
    }) as Queryable['query'];
    try {
      const answers = await Promise.all(Array.from({ length: COMMITS }, (_, i) => h.call('POST', '/v1/workloads', workloadBody({ name: `shared ${i}`, gpus: { count: 4, model: 'H100' } }))));
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: COMMITS }, () => 201));
      expect(fleetReads).toBeGreaterThan(0);
      expect(fleetReads).toBeLessThan(COMMITS / 2);
    } finally {
      db.query = query;
    }
    const reserved = (await h.capacityOf(fleet.sites[0]!.id)).gpus[0]!.reserved + (await h.capacityOf(fleet.sites[1]!.id)).gpus[0]!.reserved;
    expect(reserved).toBe(COMMITS * 4);
    expect(await h.count('workloads')).toBe(COMMITS);
  });
});
