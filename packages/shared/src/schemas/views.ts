import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema, LatitudeSchema, LongitudeSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';
import { SiteStatusSchema } from './site.ts';

/** A site as the console's map and list need it: small enough for thousands of rows. */
export const SiteRowSchema = z.object({
  id: IdSchema,
  name: text(),
  country: JurisdictionCodeSchema,
  city: text(),
  lat: LatitudeSchema,
  lon: LongitudeSchema,
  status: SiteStatusSchema,
  itCapacityMw: z.number().min(0),
  gpuCount: z.number().int().min(0),
  operatorId: IdSchema,
  operatorName: text(),
  controlledBy: JurisdictionCodeSchema,
});
export type SiteRow = z.infer<typeof SiteRowSchema>;

export const SiteRowListSchema = z.object({ sites: z.array(SiteRowSchema) });
export type SiteRowList = z.infer<typeof SiteRowListSchema>;
