import type { WorkloadState } from '@corridor/shared';
import type { CSSProperties } from 'react';
import { STATE_STYLES } from '../model/workload-state.ts';

/** A workload's state as a word with its colour, like a site's status badge. */
export function WorkloadStateBadge({ state }: { state: WorkloadState }) {
  const { label, colour } = STATE_STYLES[state];
  return (
    <span className="status-badge" style={{ '--status': colour } as CSSProperties}>
      {label}
    </span>
  );
}
