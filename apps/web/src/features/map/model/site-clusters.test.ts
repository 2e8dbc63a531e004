import { describe, expect, it } from 'vitest';
import type { SiteLook } from '../../../lib/site-status.ts';
import { SiteClusters, clusterCountText, clusterLabel, drawSequence, rankOfLook, LOOKS_BY_RANK, type ClusterInput } from './site-clusters.ts';

interface TestSite {
  lat: number;
  lon: number;
  look: SiteLook;
  alerts?: number;
  greyed?: boolean;
}

function inputOf(sites: TestSite[]): ClusterInput {
  return {
    lat: Float64Array.from(sites.map((s) => s.lat)),
    lon: Float64Array.from(sites.map((s) => s.lon)),
    rank: Uint8Array.from(sites.map((s) => rankOfLook(s.look))),
    greyed: Uint8Array.from(sites.map((s) => (s.greyed ? 1 : 0))),
    alerts: Uint32Array.from(sites.map((s) => s.alerts ?? 0)),
  };
}

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
// Four Casablanca sites a few km apart, one in Paris far away.
const casablanca = (look: SiteLook, alerts = 0, greyed = false): TestSite[] =>
  [
    [33.57, -7.59],
    [33.6, -7.62],
    [33.55, -7.55],
  ].map(([lat, lon], i) => ({ lat: lat!, lon: lon!, look: i === 1 ? look : 'ok', alerts: i === 1 ? alerts : 0, greyed }));
const paris: TestSite = { lat: 48.85, lon: 2.35, look: 'ok' };

describe('site clusters', () => {
  it('groups sites that overlap at a continental zoom and leaves a far site alone', () => {
    const view = new SiteClusters(inputOf([...casablanca('ok'), paris])).view(WORLD, 3);
    expect(view.clusters).toHaveLength(1);
    expect(view.clusters[0]!.size).toBe(3);
    expect(view.singles).toEqual([3]);
  });

  it('a cluster shows the worst look inside it, whatever the order of its sites', () => {
    for (const look of ['down', 'degraded', 'no-data'] as const) {
      const [cluster] = new SiteClusters(inputOf(casablanca(look))).view(WORLD, 3).clusters;
      expect(LOOKS_BY_RANK[cluster!.worst]).toBe(look);
    }
    const [allOk] = new SiteClusters(inputOf(casablanca('ok'))).view(WORLD, 3).clusters;
    expect(LOOKS_BY_RANK[allOk!.worst]).toBe('ok');
  });

  it('adds up the firing alerts of its sites and counts its sites per look', () => {
    const sites = casablanca('down', 3);
    sites[0]!.alerts = 2;
    const [cluster] = new SiteClusters(inputOf(sites)).view(WORLD, 3).clusters;
    expect(cluster!.alerts).toBe(5);
    expect(cluster!.counts[rankOfLook('down')]).toBe(1);
    expect(cluster!.counts[rankOfLook('ok')]).toBe(2);
    expect(clusterLabel(cluster!)).toBe('Cluster of 3 sites: 1 down, 2 ok · 5 firing alerts');
  });

  it('a greyed site does not colour its cluster; all greyed, the cluster is greyed', () => {
    const sites = casablanca('down');
    sites[1]!.greyed = true;
    const [cluster] = new SiteClusters(inputOf(sites)).view(WORLD, 3).clusters;
    expect(LOOKS_BY_RANK[cluster!.worst]).toBe('ok');
    const [grey] = new SiteClusters(inputOf(casablanca('down', 0, true))).view(WORLD, 3).clusters;
    expect(grey!.worst).toBe(-1);
  });

  it('splits at its expansion zoom, and every site is alone at the map’s deepest zoom', () => {
    const index = new SiteClusters(inputOf(casablanca('down')));
    const [cluster] = index.view(WORLD, 3).clusters;
    const zoom = index.expansionZoom(cluster!.id);
    expect(zoom).toBeGreaterThan(3);
    const expanded = index.view(WORLD, zoom);
    expect(expanded.clusters.length + expanded.singles.length).toBeGreaterThan(1);
    expect(index.view(WORLD, 12)).toEqual({ clusters: [], singles: [0, 1, 2] });
  });

  it('at every zoom each cluster counts exactly its sites, and its alerts are theirs (clusters of clusters included)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const looks: SiteLook[] = ['ok', 'down', 'degraded', 'no-data', 'planned', 'construction'];
    const sites: TestSite[] = Array.from({ length: 2000 }, (_, i) => ({ lat: 30 + random() * 5, lon: -9 + random() * 6, look: looks[i % looks.length]!, alerts: i % 10 === 0 ? 1 : 0 }));
    const index = new SiteClusters(inputOf(sites));
    for (let zoom = 2; zoom <= 12; zoom++) {
      const view = index.view(WORLD, zoom);
      let drawn = view.singles.length;
      let alerts = view.singles.reduce((sum, i) => sum + (sites[i]!.alerts ?? 0), 0);
      for (const cluster of view.clusters) {
        expect(cluster.counts.reduce((a, b) => a + b, 0)).toBe(cluster.size);
        drawn += cluster.size;
        alerts += cluster.alerts;
      }
      expect(drawn).toBe(2000);
      expect(alerts).toBe(200);
    }
  });

  it('draws the worse over the better, clusters over sites of the same rank', () => {
    const items = [
      { key: 'a', rank: rankOfLook('down'), cluster: false },
      { key: 'b', rank: rankOfLook('ok'), cluster: true },
      { key: 'c', rank: rankOfLook('ok'), cluster: false },
      { key: 'd', rank: rankOfLook('degraded'), cluster: true },
      { key: 'e', rank: -1, cluster: false },
    ];
    expect(drawSequence(items).map((i) => i.key)).toEqual(['e', 'c', 'b', 'd', 'a']);
  });

  it('writes large counts short', () => {
    expect([clusterCountText(7), clusterCountText(1234), clusterCountText(15_400)]).toEqual(['7', '1.2k', '15k']);
  });
});
