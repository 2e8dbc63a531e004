import type { Alert } from '@corridor/shared';
import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useAcknowledgeAlert } from '../api/use-alert-actions.ts';

/** ETA choices, in minutes; none is a choice too ("I am on it, no estimate yet"). */
const ETA_CHOICES_MIN = [15, 30, 60, 120, 240] as const;
const COMMENT_MAX = 500;

const etaLabel = (min: number) => (min < 60 ? `in ${min} min` : `in ${min / 60} h`);

/** Acknowledge one alert with a comment (and an ETA): the operator says they are on it. */
export function AckDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const ack = useAcknowledgeAlert();
  const [comment, setComment] = useState('');
  const [etaMinutes, setEtaMinutes] = useState<number | undefined>();
  const [commentError, setCommentError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) {
      setCommentError('Say what you are doing about it.');
      return;
    }
    setCommentError(undefined);
    ack.mutate({ id: alert.id, request: { comment: comment.trim(), ...(etaMinutes ? { etaMinutes } : {}) } }, { onSuccess: onClose });
  };
  const serverCommentError = ack.error instanceof ApiError ? ack.error.fields?.find((f) => f.field === 'comment')?.message : undefined;
  const shownCommentError = commentError ?? serverCommentError;

  return (
    <ModalDialog titleId="ack-title" title="Acknowledge alert" onClose={onClose}>
      <p className="alert-dialog-subject">{alert.summary}</p>
      <form className="alert-form" onSubmit={submit} noValidate>
        <label htmlFor="ack-comment">Comment</label>
        <textarea
          id="ack-comment"
          value={comment}
          maxLength={COMMENT_MAX}
          rows={3}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={shownCommentError ? true : undefined}
          aria-describedby={shownCommentError ? 'ack-comment-error' : undefined}
          placeholder="e.g. Field team dispatched to the landing station"
        />
        {shownCommentError && (
          <p id="ack-comment-error" className="field-error">
            {shownCommentError}
          </p>
        )}
        <label htmlFor="ack-eta">Expected fix</label>
        <select id="ack-eta" value={etaMinutes ?? ''} onChange={(e) => setEtaMinutes(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">No estimate</option>
          {ETA_CHOICES_MIN.map((m) => (
            <option key={m} value={m}>
              {etaLabel(m)}
            </option>
          ))}
        </select>
        {ack.isError && !serverCommentError && (
          <p className="form-alert" role="alert">
            Not acknowledged: {ack.error.message}
          </p>
        )}
        <div className="alert-form-actions">
          <button type="submit" className="alert-action primary" disabled={ack.isPending}>
            {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
          <button type="button" className="alert-action" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
