import { z } from 'zod';
import { JurisdictionSchema } from './jurisdiction.ts';
import { OperatorSchema } from './operator.ts';
import { SITE_STATUSES, SiteInputSchema, SiteSchema, SiteStatusSchema } from './site.ts';
import { LandingStationSchema, LinkInputSchema, LinkSchema } from './link.ts';

/** The fleet file (data/fleet.yaml): everything the control plane is seeded with. */
export const FleetFileSchema = z
  .object({
    jurisdictions: z.array(JurisdictionSchema).min(1),
    operators: z.array(OperatorSchema).min(1),
    sites: z.array(SiteInputSchema).min(1),
    landingStations: z.array(LandingStationSchema).default([]),
    links: z.array(LinkInputSchema).default([]),
  })
  .superRefine((fleet, ctx) => {
    const unique = (key: 'jurisdictions' | 'operators' | 'sites' | 'landingStations' | 'links', idOf: (e: never) => string) => {
      const seen = new Set<string>();
      (fleet[key] as never[]).forEach((entry, i) => {
        const id = idOf(entry);
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [key, i, key === 'jurisdictions' ? 'code' : 'id'], message: `duplicate id "${id}"` });
        seen.add(id);
      });
    };
    unique('jurisdictions', (j: { code: string }) => j.code);
    unique('operators', (o: { id: string }) => o.id);
    unique('sites', (s: { id: string }) => s.id);
    unique('landingStations', (l: { id: string }) => l.id);
    unique('links', (l: { id: string }) => l.id);

    const jurisdictions = new Set(fleet.jurisdictions.map((j) => j.code));
    const operators = new Set(fleet.operators.map((o) => o.id));
    const ends = new Set([...fleet.sites.map((s) => s.id), ...fleet.landingStations.map((l) => l.id)]);
    const siteIds = new Set(fleet.sites.map((s) => s.id));
    for (const id of fleet.landingStations.map((l) => l.id)) {
      if (siteIds.has(id)) ctx.addIssue({ code: 'custom', path: ['landingStations'], message: `id "${id}" is also a site id` });
    }
    fleet.operators.forEach((o, i) => {
      if (!jurisdictions.has(o.controlledBy)) ctx.addIssue({ code: 'custom', path: ['operators', i, 'controlledBy'], message: `unknown jurisdiction "${o.controlledBy}"` });
    });
    fleet.sites.forEach((s, i) => {
      if (!operators.has(s.operatorId)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'operatorId'], message: `unknown operator "${s.operatorId}"` });
      if (!jurisdictions.has(s.country)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'country'], message: `unknown jurisdiction "${s.country}"` });
      if ((s.status === 'planned' || s.status === 'construction') && !s.commissioningDate) {
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'commissioningDate'], message: `a ${s.status} site needs a commissioning date` });
      }
      const clusterIds = new Set<string>();
      s.clusters.forEach((c, j) => {
        if (clusterIds.has(c.id)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'clusters', j, 'id'], message: `duplicate cluster id "${c.id}"` });
        clusterIds.add(c.id);
      });
    });
    fleet.links.forEach((l, i) => {
      if (!ends.has(l.from)) ctx.addIssue({ code: 'custom', path: ['links', i, 'from'], message: `unknown site or landing station "${l.from}"` });
      if (!ends.has(l.to)) ctx.addIssue({ code: 'custom', path: ['links', i, 'to'], message: `unknown site or landing station "${l.to}"` });
      if (l.from === l.to) ctx.addIssue({ code: 'custom', path: ['links', i, 'to'], message: 'a link needs two different ends' });
    });
  });
/** The fleet file as written (before cross-reference checks are applied it is only its shape). */
export type FleetFile = z.infer<typeof FleetFileSchema>;

/** Totals the header shows. */
export const FleetSummarySchema = z.object({
  siteCount: z.number().int().min(0),
  countryCount: z.number().int().min(0),
  sitesByStatus: z.record(SiteStatusSchema, z.number().int().min(0)),
  itCapacityMw: z.object({
    operational: z.number().min(0),
    construction: z.number().min(0),
    planned: z.number().min(0),
    total: z.number().min(0),
  }),
  gpus: z.object({
    total: z.number().int().min(0),
    operational: z.number().int().min(0),
  }),
  linkCount: z.number().int().min(0),
});
/** Fleet totals: sites by status, MW by lifecycle stage, GPUs. */
export type FleetSummary = z.infer<typeof FleetSummarySchema>;

/** A site with its links, for the site panel. */
export const SiteDetailSchema = z.object({
  site: SiteSchema,
  links: z.array(LinkSchema),
});
export type SiteDetail = z.infer<typeof SiteDetailSchema>;

export { SITE_STATUSES };
