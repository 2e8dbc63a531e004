import { z } from 'zod';
import { LiveStreamStatusSchema } from './stream.ts';

export const UpstreamHealthSchema = z.object({
  name: z.string(),
  url: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().min(0).nullable(),
  error: z.string().optional(),
});

/** What the BFF knows of its control planes; the console shows it when one is down. */
export const ConsoleStatusSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  upstreams: z.array(UpstreamHealthSchema),
  /** The live stream, when the BFF runs one. */
  stream: LiveStreamStatusSchema.optional(),
});
export type ConsoleStatus = z.infer<typeof ConsoleStatusSchema>;

export const ReadinessSchema = z.object({
  ok: z.boolean(),
  store: z.enum(['pglite', 'postgres']),
  fleetVersion: z.string().optional(),
  error: z.string().optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
