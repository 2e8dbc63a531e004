import { summarizeFleet, type FleetSummary, type SiteDetail } from '@corridor/shared';
import type { Db } from '@corridor/store';
import { readFleet, readFleetVersion, type FleetSnapshot } from './fleet-store.ts';

/** A snapshot plus what is derived from it once per version rather than once per request. */
export interface FleetView extends FleetSnapshot {
  summary: FleetSummary;
  siteById: Map<string, SiteDetail>;
  /** A response body serialised once for this version (the fleet is read far more often than it changes). */
  json(key: string, make: () => unknown): Buffer;
}

/**
 * Serves the fleet from the store. Each read asks the store only for the fleet version (one tiny query)
 * and rebuilds the view when it changed, so replicas sharing a PostgreSQL server stay consistent.
 */
export class FleetService {
  private view?: FleetView;
  private loading?: Promise<FleetView>;

  constructor(private readonly db: Db) {}

  async current(): Promise<FleetView> {
    const version = await readFleetVersion(this.db);
    if (this.view && this.view.version === version) return this.view;
    // Single flight: concurrent requests after a change share one reload.
    this.loading ??= readFleet(this.db)
      .then((snapshot) => (this.view = buildView(snapshot)))
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}

function buildView(snapshot: FleetSnapshot): FleetView {
  const siteById = new Map<string, SiteDetail>();
  for (const site of snapshot.sites) {
    siteById.set(site.id, { site, links: snapshot.links.filter((l) => l.from.id === site.id || l.to.id === site.id) });
  }
  const bodies = new Map<string, Buffer>();
  const json = (key: string, make: () => unknown) => {
    let body = bodies.get(key);
    if (!body) bodies.set(key, (body = Buffer.from(JSON.stringify(make()))));
    return body;
  };
  return { ...snapshot, summary: summarizeFleet(snapshot.sites, snapshot.links.length), siteById, json };
}
