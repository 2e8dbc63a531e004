import type { FieldIssue } from '@corridor/shared';
import type { z } from 'zod';

/** What is wrong with a form, by field name (the first message for each); `form` for what belongs to no field. */
export type FieldErrors = Partial<Record<string, string>>;

/** The shared schema's verdict on a form, by field: the same rules the server applies, before anything is sent. */
export function fieldErrorsOf<S extends z.ZodType>(schema: S, value: unknown): { data?: z.output<S>; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    errors[field] ??= inWords(issue);
  }
  return { errors };
}

/** zod's own length messages ("Too small: expected string to have >=1 characters") in the form's words; the schemas' own messages as written. */
function inWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.message.startsWith('Too small')) return Number(issue.minimum) <= 1 ? 'required' : `must be at least ${issue.minimum} characters`;
  if (issue.code === 'too_big' && issue.origin === 'string' && issue.message.startsWith('Too big')) return `must be at most ${issue.maximum} characters`;
  return issue.message;
}

/** The server's field issues (a 400's `fields`, dotted paths; "body." prefixes dropped) by field. */
export function serverFieldErrors(fields: readonly FieldIssue[] | undefined, known: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of fields ?? []) {
    const name = field.replace(/^body\./, '').split('.')[0] ?? '';
    const key = known.includes(name) ? name : 'form';
    errors[key] ??= key === 'form' && name ? `${name}: ${message}` : message;
  }
  return errors;
}
