import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  FleetSummarySchema,
  LinkListSchema,
  NotFoundError,
  SiteDetailSchema,
  SiteListSchema,
  type FleetSummary,
  type Link,
  type Site,
  type SiteDetail,
  type SiteRow,
} from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';
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
  const add = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]));
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
 * The fleet as the console sees it, federated over every configured control plane. Reads are held for a
 * short freshness window and revalidated with ETags; view bodies are serialised once per fleet version.
 */
export class FleetService {
  private readonly cache: RevalidatingCache<unknown>;
  private readonly presented = new Map<string, Presented>();

  constructor(
    private readonly clients: ControlPlaneClient[],
    freshMs: number,
  ) {
    this.cache = new RevalidatingCache(freshMs);
  }

  siteRows(): Promise<Presented> {
    return this.present('sites', '/v1/sites', SiteListSchema, (lists) => ({ sites: lists.flatMap((l) => l.sites.map(toSiteRow)) }));
  }

  links(): Promise<Presented> {
    return this.present('links', '/v1/links', LinkListSchema, (lists) => ({ links: lists.flatMap((l): Link[] => l.links) }));
  }

  summary(): Promise<Presented> {
    return this.present('summary', '/v1/fleet/summary', FleetSummarySchema, mergeSummaries);
  }

  /** One site with its links, from whichever control plane owns it. */
  async site(id: string): Promise<SiteDetail> {
    const path = `/v1/sites/${encodeURIComponent(id)}`;
    const answers = await Promise.allSettled(this.clients.map((c) => this.read(c, path, SiteDetailSchema)));
    const found = answers.find((a): a is PromiseFulfilledResult<Versioned<SiteDetail>> => a.status === 'fulfilled');
    if (found) return found.value.value;
    const failure = answers.map((a) => (a as PromiseRejectedResult).reason).find((e) => !(e instanceof NotFoundError));
    throw failure ?? new NotFoundError(`no site "${id}"`);
  }

  private async present<S extends z.ZodType, V>(view: string, path: string, schema: S, shape: (parts: z.infer<S>[]) => V): Promise<Presented> {
    const parts = await Promise.all(this.clients.map((c) => this.read(c, path, schema)));
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

  private read<S extends z.ZodType>(client: ControlPlaneClient, path: string, schema: S): Promise<Versioned<z.infer<S>>> {
    return this.cache.get(`${client.url}${path}`, async (etag) => {
      const fetched = await client.get(path, schema, etag);
      return fetched && { value: fetched.data, etag: fetched.etag };
    }) as Promise<Versioned<z.infer<S>>>;
  }
}
