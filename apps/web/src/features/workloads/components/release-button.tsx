import './workloads.css';
import type { Workload } from '@corridor/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { formatKw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { gpusText } from '../model/audit-summary.ts';

interface ReleaseButtonProps {
  workload: Workload;
  siteName?: string;
  onRelease: () => void;
  releasing: boolean;
  /** Why the last release failed, in words. */
  error?: string;
}

/**
 * Release, behind a confirmation that says what it frees. A modal dialog: the focus stays inside,
 * Escape or Cancel closes it, and the focus returns to the button.
 */
export function ReleaseButton({ workload, siteName, onRelease, releasing, error }: ReleaseButtonProps) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (open && !box.open) box.showModal();
    if (!open && box.open) box.close();
  }, [open]);

  // The release is done (or failed): the question is answered. Noticed while rendering, not in an effect.
  const [wasReleasing, setWasReleasing] = useState(releasing);
  if (releasing !== wasReleasing) {
    setWasReleasing(releasing);
    if (!releasing) setOpen(false);
  }

  const gpus = gpusText(workload.gpuCount, workload.gpuModel);
  const power = formatKw(workload.powerKw);
  return (
    <div className="release">
      <button type="button" className="danger" onClick={() => setOpen(true)} disabled={releasing}>
        {releasing ? t('workloads.release.busy') : t('workloads.release.button')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {t.rich('workloads.release.failed', { error: <bdi key="error">{error}</bdi> })}
        </p>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => setOpen(false)}>
        <h2 id={`${id}-title`}>{t('workloads.release.question', { name: workload.name })}</h2>
        <p id={`${id}-text`}>{siteName ? t('workloads.release.consequenceOnSite', { gpus, power, site: siteName }) : t('workloads.release.consequence', { gpus, power })}</p>
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={() => setOpen(false)}>
            {t('workloads.release.cancel')}
          </button>
          <button type="button" className="danger" onClick={onRelease} disabled={releasing}>
            {releasing ? t('workloads.release.busy') : t('workloads.release.button')}
          </button>
        </div>
      </dialog>
    </div>
  );
}
