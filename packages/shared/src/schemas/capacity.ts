import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { GpuModelSchema, SiteStatusSchema } from './site.ts';

/** GPUs of one model at a site: installed, held by active reservations, and free to place on. */
export const GpuCapacitySchema = z.object({
  model: GpuModelSchema,
  installed: z.number().int().min(0),
  reserved: z.number().int().min(0),
  free: z.number().int().min(0),
});
export type GpuCapacity = z.infer<typeof GpuCapacitySchema>;

export const SiteCapacitySchema = z.object({
  siteId: IdSchema,
  /** Observed status when telemetry has one, else the fleet's. */
  status: SiteStatusSchema,
  /** One entry per GPU model installed, in the catalogue's order. */
  gpus: z.array(GpuCapacitySchema),
  /** IT power in kW: the site's capacity, what reservations hold, what is left. */
  powerKw: z.object({ capacity: z.number().min(0), reserved: z.number().min(0), free: z.number().min(0) }),
});
export type SiteCapacity = z.infer<typeof SiteCapacitySchema>;

/** What every site can still take, as reservations stand now (GET /v1/capacity). */
export const CapacitySchema = z.object({ fleetVersion: text(), sites: z.array(SiteCapacitySchema) });
export type Capacity = z.infer<typeof CapacitySchema>;
