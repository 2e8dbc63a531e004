import { MaintenanceCreateSchema, type FieldIssue, type MaintenanceCreate } from '@corridor/shared';
import { isoToLocalInput, localInputToIso } from '../../../lib/local-time.ts';

/** The schedule form as typed: times are `datetime-local` values in the viewer's zone. */
export interface MaintenanceFormValues {
  startsAt: string;
  endsAt: string;
  weekly: boolean;
  reason: string;
}

export const FORM_FIELDS = ['startsAt', 'endsAt', 'recurrence', 'reason'] as const;
/** What is wrong, by field (the first message each); `form` for what belongs to no field. */
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
  if (!startsAt) errors.startsAt = 'must be a date and time';
  if (!endsAt) errors.endsAt = 'must be a date and time';
  const parsed = MaintenanceCreateSchema.safeParse({ ...target, startsAt: startsAt ?? '', endsAt: endsAt ?? '', recurrence: values.weekly ? 'weekly' : undefined, reason: values.reason });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      const key = (FORM_FIELDS as readonly string[]).includes(field) ? (field as (typeof FORM_FIELDS)[number]) : 'form';
      // "after the start" means nothing while the start itself is missing.
      if (key === 'endsAt' && !startsAt && issue.code === 'custom') continue;
      errors[key] ??= inWords(issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { request: parsed.data, errors };
}

const inWords = (message: string): string => {
  if (message.startsWith('Too small')) return 'required';
  if (message.startsWith('Too big')) return 'must be at most 500 characters';
  return message === 'must be after startsAt' ? 'must be after the start' : message;
};

/** A 400's field issues (dotted paths, "body." dropped) by form field; what names no field of the form goes to `form`. */
export function serverFieldErrors(fields: readonly FieldIssue[] | undefined): MaintenanceFieldErrors {
  const errors: MaintenanceFieldErrors = {};
  for (const { field, message } of fields ?? []) {
    const name = field.replace(/^body\./, '').split('.')[0] ?? '';
    const key = (FORM_FIELDS as readonly string[]).includes(name) ? (name as (typeof FORM_FIELDS)[number]) : 'form';
    errors[key] ??= key === 'form' && name ? `${name}: ${message}` : message;
  }
  return errors;
}
