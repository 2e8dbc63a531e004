import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../lib/i18n/i18n.tsx';
import { CloseGlyph } from './close-glyph.tsx';

interface ModalDialogProps {
  /** Id of the heading (the dialog's accessible name). */
  titleId: string;
  title: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the browser's own <dialog>: while open the rest of the page is inert (focus stays
 * inside it), Escape closes it, and focus goes back to whatever opened it. Rendered only while open.
 */
export function ModalDialog({ titleId, title, onClose, className, children }: ModalDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom (the unit tests) has no showModal: the dialog is then merely open.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    dialog.querySelector<HTMLElement>('[autofocus], input, select, textarea, button')?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `modal-dialog ${className}` : 'modal-dialog'}
      aria-labelledby={titleId}
      // The browser closes a modal on Escape by itself; the parent decides instead, so its state stays the truth.
      onCancel={(e) => {
        e.preventDefault();
        latestClose.current();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        latestClose.current();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => latestClose.current()}>
          <CloseGlyph />
        </button>
      </div>
      {children}
    </dialog>
  );
}
