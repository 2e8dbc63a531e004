import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
  'BAD_GATEWAY',
  'UPSTREAM_UNAVAILABLE',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * What kind of problem a field has, for a client to say it in its own language (the `message` is English):
 * zod's issue codes (`too_small`, `too_big`, `invalid_type`, `invalid_format`, `invalid_value`, `unrecognized_keys`,
 * `custom`, …), with `minimum`/`maximum` for sizes and bounds (`inclusive: false` when the bound itself is not allowed),
 * `origin` for what the bound counts (`string`: characters, `array`: items, `number`: the value…), `expected` for
 * the kind of value wanted (`invalid_type`) and `format` for a string format.
 */
export const FieldIssueSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
  origin: z.string().optional(),
  expected: z.string().optional(),
  format: z.string().optional(),
});
/** One invalid field of a request: a dotted path, what is wrong with it, and the kind of problem. */
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The one error body every Corridor service answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    fields: z.array(FieldIssueSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Turns zod issues into field issues with dotted paths ("sites.3.lat"). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const found: FieldIssue = { field: issue.path.map(String).join('.') || '(root)', message: issue.message, code: issue.code };
    const bounds = issue as { minimum?: unknown; maximum?: unknown; inclusive?: unknown; origin?: unknown; expected?: unknown; format?: unknown };
    // zod states bounds as numbers or bigints (and dates as numbers); only finite numbers are passed on.
    const numeric = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    if (numeric(bounds.minimum) !== undefined) found.minimum = numeric(bounds.minimum);
    if (numeric(bounds.maximum) !== undefined) found.maximum = numeric(bounds.maximum);
    if (typeof bounds.inclusive === 'boolean' && (found.minimum !== undefined || found.maximum !== undefined)) found.inclusive = bounds.inclusive;
    if (typeof bounds.origin === 'string') found.origin = bounds.origin;
    if (typeof bounds.expected === 'string') found.expected = bounds.expected;
    if (typeof bounds.format === 'string') found.format = bounds.format;
    return found;
  });
}
