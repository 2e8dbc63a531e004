import type { FieldIssue } from '@corridor/shared';
import type { z } from 'zod';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

/** What is wrong with a form, by field name (the first message for each); `form` for what belongs to no field. */
export type FieldErrors = Partial<Record<string, string>>;

/** Which admin form is checked: the tenant rule is worded for a user or for a token. */
export type AdminFormKind = 'user' | 'token';

/** The shared schema's verdict on a form, by field: the same rules the server applies, before anything is sent. */
export function fieldErrorsOf<S extends z.ZodType>(schema: S, value: unknown, kind: AdminFormKind = 'user'): { data?: z.output<S>; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    errors[field] ??= inWords(issue, field, kind);
  }
  return { errors };
}

/**
 * A schema's refusal in the language in force, by the kind of problem (the schemas' English messages are for
 * API users): lengths, the username's and the tenant's formats, and the tenant-only-for-tenants rule.
 */
function inWords(issue: z.core.$ZodIssue, field: string, kind: AdminFormKind): string {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    const minimum = Number(issue.minimum);
    return minimum <= 1 ? translate('admin.fieldError.required') : translate('admin.fieldError.minCharacters', { minimum });
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return translate('admin.fieldError.maxCharacters', { maximum: Number(issue.maximum) });
  if (issue.code === 'invalid_format' && field === 'username') return translate('admin.fieldError.username');
  if (issue.code === 'invalid_format' && field === 'tenant') return translate('admin.fieldError.slug');
  if (issue.code === 'invalid_format' && field === 'expiresAt') return translate('admin.tokenForm.notATime');
  if (issue.code === 'custom' && field === 'tenant') return translate('admin.fieldError.tenantRule', { kind });
  return issue.message;
}

/**
 * The server's field issues (a 400's `fields`, dotted paths; "body." prefixes dropped) by field, each said in
 * the user's language from its code (the server's English words where the code says nothing more).
 */
export function serverFieldErrors(fields: readonly FieldIssue[] | undefined, known: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of fields ?? []) {
    const name = issue.field.replace(/^body\./, '').split('.')[0] ?? '';
    const key = known.includes(name) ? name : 'form';
    const problem = fieldIssueText(issue);
    errors[key] ??= key === 'form' && name ? translate('admin.fieldError.otherField', { field: name, problem }) : problem;
  }
  return errors;
}
