import { describe, expect, it } from 'vitest';
import { NotFoundError, SeriesSchema } from '@corridor/shared';
import { SeriesService } from './series-service.ts';
import { DEFAULT_RETENTION, type SeriesBucket, type SeriesRead } from './telemetry-store.ts';

const NOW = Date.UTC(2026, 5, 21, 12);
const M = 60_000;

/** A store holding one bucket for site "rabat" and link "rabat-dakar", and nothing else. */
function storeWith(bucket: SeriesBucket) {
  const reads: SeriesRead[] = [];
  const known = new Set(['site:rabat', 'link:rabat-dakar']);
  return {
    reads,
    store: {
      retention: DEFAULT_RETENTION,
      async series(read: SeriesRead) {
        reads.push(read);
        return known.has(`${read.entityKind}:${read.entityId}`) ? [bucket] : undefined;
      },
    },
  };
}

describe('SeriesService', () => {
  const bucket = { t: NOW - 10 * M, min: 1.1, max: 1.4, sum: 5, count: 4, last: 1.3 };

  it('plans the window from its clock and turns each bucket into a point', async () => {
    const { store, reads } = storeWith(bucket);
    const series = await new SeriesService(store, () => NOW).read('site', 'rabat', { metric: 'site_pue_ratio' });
    expect(SeriesSchema.parse(series)).toEqual(series);
    expect(series).toMatchObject({ metric: 'site_pue_ratio', kind: 'gauge', siteId: 'rabat', resolution: 'raw', to: NOW });
    expect(series.points).toEqual([{ t: bucket.t, avg: 1.25, min: 1.1, max: 1.4, last: 1.3, count: 4 }]);
    expect(reads[0]).toMatchObject({ entityKind: 'site', entityId: 'rabat', metric: 'site_pue_ratio', fromMs: series.from, toMs: NOW });
  });

  it('gives a counter its sum, and a link its linkId', async () => {
    const { store } = storeWith(bucket);
    const service = new SeriesService(store, () => NOW);
    expect((await service.read('site', 'rabat', { metric: 'site_it_energy_joules_total' })).points[0]).toMatchObject({ sum: 5 });
    const link = await service.read('link', 'rabat-dakar', { metric: 'link_rtt_seconds', step: 5 * M });
    expect(link).toMatchObject({ linkId: 'rabat-dakar', stepMs: 5 * M });
    expect(link.siteId).toBeUndefined();
  });

  it('answers 404 for a site or link not in the fleet, and 400 for a window it cannot answer', async () => {
    const { store } = storeWith(bucket);
    const service = new SeriesService(store, () => NOW);
    await expect(service.read('site', 'atlantis', { metric: 'site_pue_ratio' })).rejects.toThrow(new NotFoundError('no site "atlantis"'));
    await expect(service.read('site', 'rabat', { metric: 'site_pue_ratio', from: NOW, to: NOW - M })).rejects.toMatchObject({ status: 400, fields: [{ field: 'from' }] });
  });
});
