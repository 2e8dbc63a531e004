import type { Alert } from '@corridor/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatSiteAndViewerTime, viewerZone } from '../../../lib/local-time.ts';
import { useAcknowledgeAlert } from '../api/use-alert-actions.ts';
import { stateSince } from '../model/alert-order.ts';

/** ETA choices, in minutes; none is a choice too ("I am on it, no estimate yet"). */
const ETA_CHOICES_MIN = [15, 30, 60, 120, 240] as const;
const COMMENT_MAX = 500;

interface AckDialogProps {
  alert: Alert;
  /** The IANA zone of the alert's site: its times are then said in the site's clock beside the viewer's. */
  siteZone?: string;
  onClose: () => void;
}

/** Acknowledge one alert with a comment (and an ETA): the operator says they are on it. */
export function AckDialog({ alert, siteZone, onClose }: AckDialogProps) {
  const t = useT();
  const ack = useAcknowledgeAlert();
  const [comment, setComment] = useState('');
  const [etaMinutes, setEtaMinutes] = useState<number | undefined>();
  const [commentError, setCommentError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) {
      setCommentError(t('alerts.ack.commentRequired'));
      return;
    }
    setCommentError(undefined);
    ack.mutate({ id: alert.id, request: { comment: comment.trim(), ...(etaMinutes ? { etaMinutes } : {}) } }, { onSuccess: onClose });
  };
  const serverCommentIssue = ack.error instanceof ApiError ? ack.error.fields?.find((f) => f.field === 'comment') : undefined;
  const shownCommentError = commentError ?? (serverCommentIssue ? fieldIssueText(serverCommentIssue) : undefined);
  // Since when it is what it is: at a site, the site's clock (where the field team is) beside the viewer's.
  const since = stateSince(alert);
  const sinceText = siteZone ? formatSiteAndViewerTime(since, siteZone) : t('alerts.ack.viewerTime', { time: formatDateTime(since), zone: viewerZone() });
  const etaLabel = (min: number) => (min < 60 ? t('alerts.ack.etaMinutes', { minutes: min }) : t('alerts.ack.etaHours', { hours: min / 60 }));

  return (
    <ModalDialog titleId="ack-title" title={t('alerts.ack.title')} onClose={onClose}>
      <p className="alert-dialog-subject" dir="auto">
        {alert.summary}
      </p>
      <p className="alert-dialog-since muted">{t.rich('alerts.ack.since', { state: alert.state, time: <bdi key="time">{sinceText}</bdi> })}</p>
      <form className="alert-form" onSubmit={submit} noValidate>
        <label htmlFor="ack-comment">{t('alerts.ack.comment')}</label>
        <textarea
          id="ack-comment"
          value={comment}
          maxLength={COMMENT_MAX}
          rows={3}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={shownCommentError ? true : undefined}
          aria-describedby={shownCommentError ? 'ack-comment-error' : undefined}
          placeholder={t('alerts.ack.commentPlaceholder')}
        />
        {shownCommentError && (
          <p id="ack-comment-error" className="field-error">
            {shownCommentError}
          </p>
        )}
        <label htmlFor="ack-eta">{t('alerts.ack.eta')}</label>
        <select id="ack-eta" value={etaMinutes ?? ''} onChange={(e) => setEtaMinutes(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">{t('alerts.ack.noEstimate')}</option>
          {ETA_CHOICES_MIN.map((m) => (
            <option key={m} value={m}>
              {etaLabel(m)}
            </option>
          ))}
        </select>
        {ack.isError && !serverCommentIssue && (
          <p className="form-alert" role="alert">
            {t('alerts.ack.failed', { error: ack.error.message })}
          </p>
        )}
        <div className="alert-form-actions">
          <button type="submit" className="alert-action primary" disabled={ack.isPending}>
            {ack.isPending ? t('alerts.ack.submitting') : t('alerts.ack.submit')}
          </button>
          <button type="button" className="alert-action" onClick={onClose}>
            {t('alerts.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
