import type { Cluster, GpuModel, Link, Site, SiteStatus } from '@corridor/shared';
import { countryName } from '../../../lib/countries.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

/** "Oréus · controlled by FR": who runs a site and whose law reaches it. */
export const controlLine = (operator: Site['operator']): string => translate('sites.control.line', { operator: operator.name, country: operator.controlledBy });

export const countryLabel = (code: string): string => translate('sites.country.label', { name: countryName(code), code });

/** The commissioning date matters while a site is not built yet. */
export const showsCommissioning = (status: SiteStatus): boolean => status === 'planned' || status === 'construction';

export interface GpuModelTotal {
  gpuModel: GpuModel;
  gpuCount: number;
}

/** GPUs per model over all clusters, largest first. */
export function gpusByModel(clusters: readonly Cluster[]): GpuModelTotal[] {
  const totals = new Map<GpuModel, number>();
  for (const c of clusters) totals.set(c.gpuModel, (totals.get(c.gpuModel) ?? 0) + c.gpuCount);
  return [...totals].map(([gpuModel, gpuCount]) => ({ gpuModel, gpuCount })).sort((a, b) => b.gpuCount - a.gpuCount);
}

export interface SiteLinkRow {
  id: string;
  otherEnd: string;
  otherEndCountry: string;
  cable: string;
  kind: Link['kind'];
  lengthKm: number;
  rttMs: number;
  rttSource: Link['rttSource'];
}

/** The site's links seen from the site: the far end, then cable, length and RTT; nearest first. */
export function siteLinkRows(siteId: string, links: readonly Link[]): SiteLinkRow[] {
  return links
    .map((link) => {
      const other = link.from.id === siteId ? link.to : link.from;
      return {
        id: link.id,
        otherEnd: other.name,
        otherEndCountry: other.country,
        cable: link.cable,
        kind: link.kind,
        lengthKm: link.lengthKm,
        rttMs: link.rttMs,
        rttSource: link.rttSource,
      };
    })
    .sort((a, b) => a.rttMs - b.rttMs);
}
