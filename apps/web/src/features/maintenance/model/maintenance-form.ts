import { MaintenanceCreateSchema, type FieldIssue, type MaintenanceCreate } from '@corridor/shared';
import type { z } from 'zod';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { isoToLocalInput, localInputToIso } from '../../../lib/local-time.ts';

/** The schedule form as typed: times are `datetime-local` values in the viewer's zone. */
export interface MaintenanceFormValues {
  startsAt: string;
  endsAt: string;
  weekly: boolean;
  reason: string;
}

export const FORM_FIELDS = ['startsAt', 'endsAt', 'recurrence', 'reason'] as const;
/** What is wrong, by field (the first message each, in the language in force); `form` for what belongs to no field. */
export type MaintenanceFieldErrors = Partial<Record<(typeof FORM_FIELDS)[number] | 'form', string>>;

/** A new form: from now (to the minute) for `durationMinutes`. */
export function initialValues(nowMs: number, durationMinutes = 120): MaintenanceFormValues {
  const start = Math.floor(nowMs / 60_000) * 60_000;
  return { startsAt: isoToLocalInput(new Date(start).toISOString()), endsAt: isoToLocalInput(new Date(start + durationMinutes * 60_000).toISOString()), weekly: false, reason: '' };
}

/**
 * The request the form describes, checked by the shared schema (the server's own rules) before
 * anything is sent: each bad field named in words. A start in the past minute counts as now.
 */
export function requestOf(values: MaintenanceFormValues, target: { siteId?: string; linkId?: string }): { request?: MaintenanceCreate; errors: MaintenanceFieldErrors } {
  const errors: MaintenanceFieldErrors = {};
  const startsAt = localInputToIso(values.startsAt);
  const endsAt = localInputToIso(values.endsAt);
  if (!startsAt) errors.startsAt = translate('maintenance.form.error.notDateTime');
  if (!endsAt) errors.endsAt = translate('maintenance.form.error.notDateTime');
  const parsed = MaintenanceCreateSchema.safeParse({ ...target, startsAt: startsAt ?? '', endsAt: endsAt ?? '', recurrence: values.weekly ? 'weekly' : undefined, reason: values.reason });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      const key = (FORM_FIELDS as readonly string[]).includes(field) ? (field as (typeof FORM_FIELDS)[number]) : 'form';
      // "after the start" means nothing while the start itself is missing.
      if (key === 'endsAt' && !startsAt && issue.code === 'custom') continue;
      errors[key] ??= inWords(key, issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { request: parsed.data, errors };
}

/** The schema's issue in the language in force, by its kind (the schema's own messages are English, for API users). */
function inWords(field: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return translate(field === 'reason' ? 'maintenance.form.error.reasonMissing' : 'maintenance.form.error.required');
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return translate('maintenance.form.error.tooLong', { max: issue.maximum });
  if (field === 'endsAt' && issue.code === 'custom') return translate('maintenance.form.error.endBeforeStart');
  return fieldIssueText({ field, message: issue.message, code: issue.code });
}

/** A 400's field issues (dotted paths, "body." dropped) by form field; what names no field of the form goes to `form`. */
export function serverFieldErrors(fields: readonly FieldIssue[] | undefined): MaintenanceFieldErrors {
  const errors: MaintenanceFieldErrors = {};
  for (const issue of fields ?? []) {
    const name = issue.field.replace(/^body\./, '').split('.')[0] ?? '';
    const key = (FORM_FIELDS as readonly string[]).includes(name) ? (name as (typeof FORM_FIELDS)[number]) : 'form';
    const problem = fieldIssueText(issue);
    errors[key] ??= key === 'form' && name ? translate('maintenance.form.error.otherField', { field: name, problem }) : problem;
  }
  return errors;
}
