import type { WorkloadState } from '@corridor/shared';

/** How each workload state reads and shows (the word carries the meaning; the colour only helps). */
export const STATE_STYLES: Record<WorkloadState, { label: string; colour: string }> = {
  pending: { label: 'Pending', colour: '#9aa5b1' },
  placed: { label: 'Placed', colour: '#4fb3ff' },
  running: { label: 'Running', colour: '#2ecc71' },
  migrating: { label: 'Migrating', colour: '#f5a524' },
  stranded: { label: 'Stranded', colour: '#ef4444' },
  released: { label: 'Released', colour: '#6b7280' },
};

/** States the system moves on by itself soon (placed → running, migrating → running): worth asking again. */
export const isSettling = (state: WorkloadState): boolean => state === 'pending' || state === 'placed' || state === 'migrating';

/** Everything but a released workload can be released (a stranded one holds nothing, but releasing ends it). */
export const isReleasable = (state: WorkloadState): boolean => state !== 'released';
