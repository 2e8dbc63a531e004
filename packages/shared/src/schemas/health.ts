import { z } from 'zod';
import { text } from './text.ts';
import { LiveStreamStatusSchema } from './stream.ts';

export const UpstreamHealthSchema = z.object({
  name: text(),
  url: text(),
  ok: z.boolean(),
  latencyMs: z.number().min(0).nullable(),
  error: text().optional(),
});

/** What the BFF knows of its control planes; the console shows it when one is down. */
export const ConsoleStatusSchema = z.object({
  ok: z.boolean(),
  checkedAt: text(),
  upstreams: z.array(UpstreamHealthSchema),
  /** The live stream, when the BFF runs one. */
  stream: LiveStreamStatusSchema.optional(),
});
export type ConsoleStatus = z.infer<typeof ConsoleStatusSchema>;

export const ReadinessSchema = z.object({
  ok: z.boolean(),
  store: z.enum(['pglite', 'postgres']),
  fleetVersion: text().optional(),
  error: text().optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
