import { SeriesSchema, seriesSearchParams, type Series, type SeriesQuery } from '@corridor/shared';
import type { ControlPlaneSet, OwnedEntity } from '../upstream/control-plane-set.ts';

/**
 * A site's or link's history of one metric. Each control plane holds only its own sites' and links'
 * telemetry, so the series comes from the owner the set knows, or from whichever control plane has it
 * while the owner is not known yet (404 only when none does).
 */
export class SeriesService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'fromOwner'>) {}

  async series(entity: OwnedEntity, id: string, query: SeriesQuery): Promise<Series> {
    const path = `/v1/${entity}s/${encodeURIComponent(id)}/series?${seriesSearchParams(query)}`;
    return this.planes.fromOwner(entity, id, async (client) => (await client.get(path, SeriesSchema)).data);
  }
}
