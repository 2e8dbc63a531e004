import type { Alert, SilenceMatchers } from '@corridor/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useCreateSilence } from '../api/use-alert-actions.ts';
import { formatDuration } from '../model/alert-age.ts';

const PRESETS_MIN = [15, 60, 240] as const;
const MAX_MINUTES = 30 * 24 * 60;

type Scope = 'rule' | 'entity';

/** The matchers a silence made from this alert gets: this rule on its site or link, or everything there. */
export function silenceMatchersFor(alert: Alert, scope: Scope): SilenceMatchers {
  const entity = alert.siteId ? { siteId: alert.siteId } : alert.linkId ? { linkId: alert.linkId } : {};
  return scope === 'rule' ? { ruleId: alert.ruleId, ...entity } : Object.keys(entity).length ? entity : { ruleId: alert.ruleId };
}

/**
 * Silence an alert for a while (15 min, 1 h, 4 h or a custom number of minutes), with a reason: it still
 * records firing and resolved, it is only not notified. Ends by itself.
 */
export function SilenceDialog({ alert, place, onClose }: { alert: Alert; place: string; onClose: () => void }) {
  const t = useT();
  const create = useCreateSilence();
  const [scope, setScope] = useState<Scope>('rule');
  const [preset, setPreset] = useState<number | 'custom'>(60);
  const [customMinutes, setCustomMinutes] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; duration?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minutes = preset === 'custom' ? Number(customMinutes) : preset;
    const next = {
      reason: reason.trim() ? undefined : t('alerts.silence.reasonRequired'),
      duration: Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_MINUTES ? undefined : t('alerts.silence.durationInvalid', { max: MAX_MINUTES }),
    };
    setErrors(next);
    if (next.reason || next.duration) return;
    create.mutate({ matchers: silenceMatchersFor(alert, scope), durationMinutes: minutes, comment: reason.trim() }, { onSuccess: onClose });
  };
  const serverFields = create.error instanceof ApiError ? create.error.fields : undefined;
  const reasonIssue = serverFields?.find((f) => f.field === 'comment');
  const durationIssue = serverFields?.find((f) => f.field === 'durationMinutes' || f.field === 'endsAt');
  const reasonError = errors.reason ?? (reasonIssue ? fieldIssueText(reasonIssue) : undefined);
  const durationError = errors.duration ?? (durationIssue ? fieldIssueText(durationIssue) : undefined);

  return (
    <ModalDialog titleId="silence-title" title={t('alerts.silence.title')} onClose={onClose}>
      <p className="alert-dialog-subject" dir="auto">
        {alert.summary}
      </p>
      <form className="alert-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('alerts.silence.what')}</legend>
          <label className="choice">
            <input type="radio" name="silence-scope" checked={scope === 'rule'} onChange={() => setScope('rule')} />
            {t.rich('alerts.silence.scopeRule', { rule: <bdi key="rule">{alert.ruleId}</bdi>, place: <bdi key="place">{place}</bdi> })}
          </label>
          <label className="choice">
            <input type="radio" name="silence-scope" checked={scope === 'entity'} onChange={() => setScope('entity')} />
            {t.rich('alerts.silence.scopeEntity', { place: <bdi key="place">{place}</bdi> })}
          </label>
        </fieldset>
        <fieldset aria-describedby={durationError ? 'silence-duration-error' : undefined}>
          <legend>{t('alerts.silence.for')}</legend>
          {PRESETS_MIN.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="silence-duration" checked={preset === m} onChange={() => setPreset(m)} />
              {formatDuration(m * 60_000)}
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="silence-duration" checked={preset === 'custom'} onChange={() => setPreset('custom')} />
            {t('alerts.silence.custom')}
          </label>
          {preset === 'custom' && (
            <label className="custom-minutes">
              {t('alerts.silence.minutes')}
              <input
                type="number"
                min={1}
                max={MAX_MINUTES}
                step={1}
                inputMode="numeric"
                value={customMinutes}
                onChange={(e) => setCustomMinutes(e.target.value)}
                aria-invalid={durationError ? true : undefined}
              />
            </label>
          )}
          {durationError && (
            <p id="silence-duration-error" className="field-error">
              {durationError}
            </p>
          )}
        </fieldset>
        <label htmlFor="silence-reason">{t('alerts.silence.reason')}</label>
        <textarea
          id="silence-reason"
          value={reason}
          maxLength={500}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? 'silence-reason-error' : undefined}
          placeholder={t('alerts.silence.reasonPlaceholder')}
        />
        {reasonError && (
          <p id="silence-reason-error" className="field-error">
            {reasonError}
          </p>
        )}
        {create.isError && !serverFields?.length && (
          <p className="form-alert" role="alert">
            {t('alerts.silence.failed', { error: create.error.message })}
          </p>
        )}
        <div className="alert-form-actions">
          <button type="submit" className="alert-action primary" disabled={create.isPending}>
            {create.isPending ? t('alerts.silence.submitting') : t('alerts.silence.submit')}
          </button>
          <button type="button" className="alert-action" onClick={onClose}>
            {t('alerts.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
