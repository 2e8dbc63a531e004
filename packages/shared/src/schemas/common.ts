import { z } from 'zod';
import { text } from './text.ts';

/** Stable identifiers: lower-case slugs, safe in URLs and logs. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case slug (a-z, 0-9, -)');

export const LatitudeSchema = z.number().min(-90).max(90);
export const LongitudeSchema = z.number().min(-180).max(180);

/** ISO 8601 calendar date, e.g. 2027-06-30. */
export const IsoDateSchema = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export * from './text.ts';
