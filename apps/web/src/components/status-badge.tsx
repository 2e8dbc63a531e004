import type { SiteStatus } from '@corridor/shared';
import type { CSSProperties } from 'react';
import { STATUS_STYLES } from '../lib/site-status.ts';

/** A status word with its map colour (the word carries the meaning; the colour only helps). */
export function StatusBadge({ status }: { status: SiteStatus }) {
  const { label, colour, hollow } = STATUS_STYLES[status];
  return (
    <span className={`status-badge${hollow ? ' hollow' : ''}`} style={{ '--status': colour } as CSSProperties}>
      {label}
    </span>
  );
}
