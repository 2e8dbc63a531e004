import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useConfirmDown } from '../api/maintenance-queries.ts';

interface ConfirmDownProps {
  siteId: string;
  siteName: string;
  /** Who confirmed the site down, while that stands (the live health's `confirmedBy`). */
  confirmedBy?: string;
}

/**
 * An operator's "this site is down" when telemetry cannot say so (a site gone dark reads no-data, which moves
 * nothing): a two-step confirmation, since its workloads are re-placed elsewhere; and the withdrawal, once it stands.
 */
export function ConfirmDown({ siteId, siteName, confirmedBy }: ConfirmDownProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const mutation = useConfirmDown(siteId);
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);
  const close = () => {
    setAsking(false);
    opener.current?.focus();
  };

  if (confirmedBy) {
    return (
      <div className="confirm-down">
        <p>{t('maintenance.confirmDown.standing', { who: confirmedBy })}</p>
        <button type="button" className="ops-button" disabled={mutation.isPending} onClick={() => mutation.mutate(false)}>
          {t('maintenance.confirmDown.withdraw')}
        </button>
        {mutation.isError && <p role="alert">{t('maintenance.confirmDown.failed', { message: mutation.error.message })}</p>}
      </div>
    );
  }
  return (
    <div className="confirm-down">
      <button ref={opener} type="button" className="ops-button" aria-expanded={asking} onClick={() => setAsking((a) => !a)}>
        {t('maintenance.confirmDown.open')}
      </button>
      {asking && (
        <div role="group" aria-label={t('maintenance.confirmDown.question', { site: siteName })} onKeyDown={(e) => e.key === 'Escape' && close()}>
          <p>{t('maintenance.confirmDown.question', { site: siteName })}</p>
          <button ref={confirmButton} type="button" className="ops-button danger" disabled={mutation.isPending} onClick={() => mutation.mutate(true, { onSuccess: () => setAsking(false) })}>
            {t('maintenance.confirmDown.confirm')}
          </button>
          <button type="button" className="ops-button" onClick={close}>
            {t('maintenance.confirmDown.cancel')}
          </button>
          {mutation.isError && <p role="alert">{t('maintenance.confirmDown.failed', { message: mutation.error.message })}</p>}
        </div>
      )}
    </div>
  );
}
