import './workloads.css';
import type { Workload } from '@corridor/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { formatCount, formatKw } from '../../../lib/format.ts';

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

  const held = `${formatCount(workload.gpuCount)} ${workload.gpuModel ?? 'GPUs'} and ${formatKw(workload.powerKw)}`;
  return (
    <div className="release">
      <button type="button" className="danger" onClick={() => setOpen(true)} disabled={releasing}>
        {releasing ? 'Releasing…' : 'Release'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          The release failed: {error}
        </p>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => setOpen(false)}>
        <h2 id={`${id}-title`}>Release {workload.name}?</h2>
        <p id={`${id}-text`}>
          Its {held}
          {siteName ? ` on ${siteName}` : ''} become free for other workloads. The workload stays listed as released.
        </p>
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onRelease} disabled={releasing}>
            {releasing ? 'Releasing…' : 'Release'}
          </button>
        </div>
      </dialog>
    </div>
  );
}
