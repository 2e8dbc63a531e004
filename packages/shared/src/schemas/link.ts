import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema, LatitudeSchema, LongitudeSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';

export const LandingStationSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(120),
  country: JurisdictionCodeSchema,
  lat: LatitudeSchema,
  lon: LongitudeSchema,
});
/** Where a submarine cable comes ashore; a link may end at one instead of a site. */
export type LandingStation = z.infer<typeof LandingStationSchema>;

export const LINK_KINDS = ['submarine', 'terrestrial'] as const;
export const LinkKindSchema = z.enum(LINK_KINDS);

export const RTT_SOURCES = ['measured', 'modelled'] as const;

export const LinkInputSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(120),
  /** Cable or backbone the path rides on (e.g. "Medusa"). */
  cable: text().min(1).max(80),
  kind: LinkKindSchema,
  /** Ids of the two ends: each a site or a landing station. */
  from: IdSchema,
  to: IdSchema,
  lengthKm: z.number().positive().max(40_000),
  rttMs: z.number().positive().max(1000),
  rttSource: z.enum(RTT_SOURCES),
  capacityTbps: z.number().positive().optional(),
  /** Intermediate points [lat, lon] for drawing the route; straight line when absent. */
  path: z.array(z.tuple([LatitudeSchema, LongitudeSchema])).default([]),
  source: text().min(1).max(500),
});
export type LinkInput = z.infer<typeof LinkInputSchema>;

export const LinkEndSchema = z.object({
  id: IdSchema,
  name: text(),
  kind: z.enum(['site', 'landing-station']),
  country: JurisdictionCodeSchema,
  lat: LatitudeSchema,
  lon: LongitudeSchema,
});
export type LinkEnd = z.infer<typeof LinkEndSchema>;

/** A link as served: both ends resolved to their names and positions. */
export const LinkSchema = LinkInputSchema.omit({ from: true, to: true }).extend({
  from: LinkEndSchema,
  to: LinkEndSchema,
});
/** A network path between two sites, or a site and a landing station. */
export type Link = z.infer<typeof LinkSchema>;

export const LinkListSchema = z.object({ links: z.array(LinkSchema) });
export type LinkList = z.infer<typeof LinkListSchema>;
