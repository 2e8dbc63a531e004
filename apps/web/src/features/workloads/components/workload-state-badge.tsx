import type { WorkloadState } from '@corridor/shared';
import type { CSSProperties } from 'react';
import { STATE_COLOURS, workloadStateLabel } from '../model/workload-state.ts';

/** A workload's state as a word with its colour, like a site's status badge. */
export function WorkloadStateBadge({ state }: { state: WorkloadState }) {
  return (
    <span className="status-badge" style={{ '--status': STATE_COLOURS[state] } as CSSProperties}>
      {workloadStateLabel(state)}
    </span>
  );
}
