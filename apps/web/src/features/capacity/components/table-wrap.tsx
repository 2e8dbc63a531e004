import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * A wide table's box, scrolling sideways on a narrow screen. Focusable and named, so the keyboard can scroll it
 * when the table holds nothing else to focus (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableWrap({ id, children }: { id?: string; children: ReactNode }) {
  const t = useT();
  return (
    <div id={id} className="capacity-table-wrap" tabIndex={0} role="region" aria-label={t('capacity.table.scrollRegion')}>
      {children}
    </div>
  );
}
