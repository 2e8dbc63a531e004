import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { FleetSummarySchema, LinkListSchema, SiteDetailSchema, SiteListSchema, type FleetSummary, type Link, type Site, type SiteDetail, type SiteRow } from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { RevalidatingCache, type Versioned } from '../upstream/revalidating-cache.ts';

/** A response body serialised once per fleet version, with the ETag browsers revalidate against. */
export interface Presented {
  body: Buffer;
  etag: string;
}

/** A strong ETag from a view's name and what it was built from. */
function tag(view: string, ...parts: (string | Buffer)[]): string {
  const hash = createHash('sha1').update(view);
  for (const part of parts) hash.update(part);
  return `"${hash.digest('base64url').slice(0, 20)}"`;
}

/** Presents a site as the map and list need it (the list view carries no clusters, links or prose). */
export function toSiteRow(site: Site): SiteRow {
  return {
    id: site.id,
    name: site.name,
    country: site.country,
    city: site.city,
    lat: site.lat,
    lon: site.lon,
    status: site.status,
    itCapacityMw: site.itCapacityMw,
    gpuCount: site.gpuCount,
    operatorId: site.operator.id,
    operatorName: site.operator.name,
    controlledBy: site.operator.controlledBy,
  };
}

/** Adds up per-control-plane summaries (each control plane owns its own jurisdictions' sites). */
export function mergeSummaries(summaries: FleetSummary[]): FleetSummary {
  if (summaries.length === 1) return summaries[0]!;
  const add = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]));
  return summaries.reduce((acc, s) => ({
    siteCount: acc.siteCount + s.siteCount,
    countryCount: acc.countryCount + s.countryCount,
    sitesByStatus: add(acc.sitesByStatus, s.sitesByStatus) as FleetSummary['sitesByStatus'],
    itCapacityMw: add(acc.itCapacityMw, s.itCapacityMw) as FleetSummary['itCapacityMw'],
    gpus: add(acc.gpus, s.gpus) as FleetSummary['gpus'],
    linkCount: acc.linkCount + s.linkCount,
  }));
}

/**
 * The fleet as the console sees it, federated over every control plane of the set. Reads are held for a
 * short freshness window and revalidated with ETags; view bodies are serialised once per fleet version.
 * Each new version of a control plane's site or link list tells the set what that control plane owns.
 */
export class FleetService {
  private readonly cache: RevalidatingCache<unknown>;
  private readonly presented = new Map<string, Presented>();

  constructor(
    private readonly planes: ControlPlaneSet,
    freshMs: number,
  ) {
    this.cache = new RevalidatingCache(freshMs);
  }

  siteRows(): Promise<Presented> {
    const learn = (client: ControlPlaneClient, list: { sites: Site[] }) =>
      this.planes.learnOwnership(
        client,
        'site',
        list.sites.map((s) => s.id),
      );
    return this.present('sites', '/v1/sites', SiteListSchema, (lists) => ({ sites: lists.flatMap((l) => l.sites.map(toSiteRow)) }), learn);
  }

  links(): Promise<Presented> {
    const learn = (client: ControlPlaneClient, list: { links: Link[] }) =>
      this.planes.learnOwnership(
        client,
        'link',
        list.links.map((l) => l.id),
      );
    return this.present('links', '/v1/links', LinkListSchema, (lists) => ({ links: lists.flatMap((l): Link[] => l.links) }), learn);
  }

  summary(): Promise<Presented> {
    return this.present('summary', '/v1/fleet/summary', FleetSummarySchema, mergeSummaries);
  }

  /** One site with its links, from the control plane that owns it (asking every one while that is unknown). */
  async site(id: string): Promise<SiteDetail> {
    const path = `/v1/sites/${encodeURIComponent(id)}`;
    return (await this.planes.fromOwner('site', id, (c) => this.read(c, path, SiteDetailSchema))).value;
  }

  /** A view over every control plane's read of `path`; `learn` sees each new version a control plane answers. */
  private async present<S extends z.ZodType, V>(
    view: string,
    path: string,
    schema: S,
    shape: (parts: z.infer<S>[]) => V,
    learn?: (client: ControlPlaneClient, value: z.infer<S>) => void,
  ): Promise<Presented> {
    const parts = await Promise.all(this.planes.all().map((c) => this.read(c, path, schema, learn)));
    const versioned = parts.every((p) => p.etag !== undefined);
    const etag = versioned ? tag(view, ...parts.map((p) => p.etag!)) : undefined;
    const held = this.presented.get(view);
    if (etag !== undefined && held?.etag === etag) return held;
    const body = Buffer.from(JSON.stringify(shape(parts.map((p) => p.value))));
    // An upstream without ETags: the body itself is the version.
    const presented = { body, etag: etag ?? tag(view, body) };
    this.presented.set(view, presented);
    return presented;
  }

  private read<S extends z.ZodType>(client: ControlPlaneClient, path: string, schema: S, learn?: (client: ControlPlaneClient, value: z.infer<S>) => void): Promise<Versioned<z.infer<S>>> {
    return this.cache.get(`${client.url}${path}`, async (etag) => {
      const fetched = await client.get(path, schema, etag);
      // Only a new version: a 304 or a read within the freshness window changes nothing the set knows.
      if (fetched) learn?.(client, fetched.data);
      return fetched && { value: fetched.data, etag: fetched.etag };
    }) as Promise<Versioned<z.infer<S>>>;
  }
}
