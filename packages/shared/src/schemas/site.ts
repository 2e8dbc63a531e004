import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema, IsoDateSchema, LatitudeSchema, LongitudeSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';
import { OperatorSchema } from './operator.ts';

export const SITE_STATUSES = ['planned', 'construction', 'operational', 'maintenance', 'degraded', 'offline'] as const;
export const SiteStatusSchema = z.enum(SITE_STATUSES);
/** Lifecycle and health status of a site. */
export type SiteStatus = z.infer<typeof SiteStatusSchema>;

export const GPU_MODELS = ['H100', 'H200', 'B200', 'GB200', 'MI300X', 'L40S', 'A100'] as const;
export const GpuModelSchema = z.enum(GPU_MODELS);
/** Accelerator model installed in a cluster. */
export type GpuModel = z.infer<typeof GpuModelSchema>;

export const ClusterSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(120),
  gpuModel: GpuModelSchema,
  gpuCount: z.number().int().min(0).max(1_000_000),
  /** Power per GPU including its share of the host, in kW. */
  kwPerGpu: z.number().positive().max(5),
});
/** A GPU cluster inside a site. */
export type Cluster = z.infer<typeof ClusterSchema>;

/** Fields of a site as written in the fleet file (operator by id). */
export const SiteInputSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(120),
  operatorId: IdSchema,
  country: JurisdictionCodeSchema,
  city: text().min(1).max(80),
  lat: LatitudeSchema,
  lon: LongitudeSchema,
  status: SiteStatusSchema,
  itCapacityMw: z.number().min(0).max(2000),
  designPue: z.number().min(1).max(3),
  certifications: z.array(text().min(1).max(60)).default([]),
  onSiteSolarMw: z.number().min(0).max(2000).default(0),
  gridCarbonGPerKwh: z.number().min(0).max(2000),
  energyPriceUsdPerKwh: z.number().min(0).max(10),
  commissioningDate: IsoDateSchema.optional(),
  floorAreaM2: z.number().positive().optional(),
  clusters: z.array(ClusterSchema).default([]),
  /** Where the figures come from; every default site cites a public source. */
  source: text().min(1).max(500),
  notes: text().max(1000).optional(),
});
export type SiteInput = z.infer<typeof SiteInputSchema>;

/** A site as the control plane serves it: the operator is embedded. */
export const SiteSchema = SiteInputSchema.omit({ operatorId: true }).extend({
  operator: OperatorSchema,
  gpuCount: z.number().int().min(0),
});
/** An AI data-center site. */
export type Site = z.infer<typeof SiteSchema>;

export const SiteListSchema = z.object({ sites: z.array(SiteSchema) });
export type SiteList = z.infer<typeof SiteListSchema>;
