import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { JurisdictionCodeSchema } from './jurisdiction.ts';

export const OperatorSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(120),
  /** The jurisdiction whose law controls the company (e.g. US → reachable by the CLOUD Act). */
  controlledBy: JurisdictionCodeSchema,
  notes: text().max(500).optional(),
});
/** The company that runs a site, and the jurisdiction that controls it. */
export type Operator = z.infer<typeof OperatorSchema>;
