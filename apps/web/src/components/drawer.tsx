import { useEffect, useRef, type ReactNode } from 'react';
import { CloseGlyph } from './close-glyph.tsx';

interface DrawerProps {
  /** Id of the heading (the drawer's accessible name). */
  titleId: string;
  title: string;
  /** Accessible name of the close button ("Close site panel"). */
  closeLabel: string;
  onClose: () => void;
  /** Changes when the drawer shows another item: the heading takes focus again. */
  itemKey: string;
  busy?: boolean;
  className?: string;
  children?: ReactNode;
}

/**
 * The panel over the map's right edge (a site's, a link's): its heading takes focus when it opens on
 * an item, Escape and the × button close it.
 */
export function Drawer({ titleId, title, closeLabel, onClose, itemKey, busy, className, children }: DrawerProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [itemKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className={className ? `site-panel ${className}` : 'site-panel'} aria-labelledby={titleId} aria-busy={busy}>
      <div className="panel-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
          <CloseGlyph />
        </button>
      </div>
      {children}
    </aside>
  );
}
