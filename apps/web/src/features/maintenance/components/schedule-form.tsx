import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatSiteAndViewerTime, localInputToIso, viewerZone } from '../../../lib/local-time.ts';
import { useScheduleMaintenance } from '../api/maintenance-queries.ts';
import { initialValues, requestOf, serverFieldErrors, type MaintenanceFieldErrors, type MaintenanceFormValues } from '../model/maintenance-form.ts';

interface ScheduleFormProps {
  siteId: string;
  siteName: string;
  /** The site's IANA zone, for showing the chosen times there too. */
  siteZone?: string;
  onDone: () => void;
}

/** "Schedule maintenance" on a site: start (now by default), end, weekly or not, why. Bad input is named by field, the server's 400 too. */
export function ScheduleForm({ siteId, siteName, siteZone, onDone }: ScheduleFormProps) {
  const [values, setValues] = useState<MaintenanceFormValues>(() => initialValues(Date.now()));
  const [errors, setErrors] = useState<MaintenanceFieldErrors>({});
  const schedule = useScheduleMaintenance();
  const id = useId();
  const zone = viewerZone();
  const t = useT();

  const set = (patch: Partial<MaintenanceFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { request, errors: found } = requestOf(values, { siteId });
    setErrors(found);
    if (!request) return;
    schedule.mutate(request, {
      onSuccess: () => onDone(),
      onError: (error) => setErrors(error instanceof ApiError && error.fields?.length ? serverFieldErrors(error.fields) : { form: error.message }),
    });
  };
  const atSite = (local: string) => {
    const iso = siteZone ? localInputToIso(local) : undefined;
    return iso && siteZone ? formatSiteAndViewerTime(iso, siteZone, zone) : undefined;
  };
  const field = (name: keyof MaintenanceFieldErrors) => ({
    'aria-invalid': !!errors[name],
    'aria-describedby': [errors[name] && `${id}-${name}-error`, `${id}-${name}-hint`].filter(Boolean).join(' '),
  });
  const error = (name: keyof MaintenanceFieldErrors) =>
    errors[name] && (
      <p className="field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    );

  return (
    <form
      className="ops-form"
      aria-label={t('maintenance.form.label', { site: siteName })}
      onSubmit={submit}
      onKeyDown={(e) => {
        // Escape leaves the form as Cancel does (not while the request is on its way).
        if (e.key !== 'Escape' || schedule.isPending) return;
        e.stopPropagation();
        onDone();
      }}
      noValidate
    >
      <div className="ops-field">
        <label htmlFor={`${id}-start`}>{t('maintenance.form.start', { zone })}</label>
        <input id={`${id}-start`} type="datetime-local" value={values.startsAt} onChange={(e) => set({ startsAt: e.target.value })} {...field('startsAt')} />
        <p className="hint" id={`${id}-startsAt-hint`}>
          {atSite(values.startsAt) ?? t('maintenance.form.startHint')}
        </p>
        {error('startsAt')}
      </div>
      <div className="ops-field">
        <label htmlFor={`${id}-end`}>{t('maintenance.form.end', { zone })}</label>
        <input id={`${id}-end`} type="datetime-local" value={values.endsAt} onChange={(e) => set({ endsAt: e.target.value })} {...field('endsAt')} />
        <p className="hint" id={`${id}-endsAt-hint`}>
          {atSite(values.endsAt) ?? ''}
        </p>
        {error('endsAt')}
      </div>
      <div className="ops-field ops-check">
        <input id={`${id}-weekly`} type="checkbox" checked={values.weekly} onChange={(e) => set({ weekly: e.target.checked })} {...field('recurrence')} />
        <label htmlFor={`${id}-weekly`}>{t('maintenance.form.weekly')}</label>
        <p className="hint visually-hidden" id={`${id}-recurrence-hint`}>
          {t('maintenance.form.weeklyHint')}
        </p>
        {error('recurrence')}
      </div>
      <div className="ops-field">
        <label htmlFor={`${id}-reason`}>{t('maintenance.form.reason')}</label>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={600}
          value={values.reason}
          onChange={(e) => set({ reason: e.target.value })}
          placeholder={t('maintenance.form.reasonPlaceholder')}
          {...field('reason')}
        />
        <p className="hint visually-hidden" id={`${id}-reason-hint`}>
          {t('maintenance.form.reasonHint')}
        </p>
        {error('reason')}
      </div>
      {errors.form && (
        <p className="form-alert" role="alert">
          {errors.form}
        </p>
      )}
      <div className="ops-actions">
        <button type="submit" className="ops-button primary" disabled={schedule.isPending}>
          {schedule.isPending ? t('maintenance.form.submitting') : t('maintenance.form.submit')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('maintenance.form.cancel')}
        </button>
      </div>
    </form>
  );
}
