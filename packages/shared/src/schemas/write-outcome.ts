import { z } from 'zod';
import { text } from './text.ts';
import { ErrorBodySchema } from './error.ts';

/**
 * A 503 on a write whose request reached the control plane but whose answer did not come back in time:
 * it may or may not have been done. `idempotencyKey` is the key it was sent with; the same request again
 * with that `Idempotency-Key` answers what really happened (the workload it placed, or a fresh attempt).
 * A 503 without `outcome` means the write was not done.
 */
export const WriteOutcomeUnknownSchema = ErrorBodySchema.extend({
  outcome: z.literal('unknown'),
  idempotencyKey: text().optional(),
});
export type WriteOutcomeUnknown = z.infer<typeof WriteOutcomeUnknownSchema>;
