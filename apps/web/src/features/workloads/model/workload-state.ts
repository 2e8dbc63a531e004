import type { WorkloadState } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';

/** Each workload state's colour (the word carries the meaning; the colour only helps). */
export const STATE_COLOURS: Record<WorkloadState, string> = {
  pending: '#9aa5b1',
  placed: '#4fb3ff',
  running: '#2ecc71',
  migrating: '#f5a524',
  stranded: '#ef4444',
  released: '#6b7280',
};

/** A workload state's word in the language in force ("Running", "En cours"). */
export const workloadStateLabel = (state: WorkloadState): string => translate('workloads.state', { state });

/** States the system moves on by itself soon (placed → running, migrating → running): worth asking again. */
export const isSettling = (state: WorkloadState): boolean => state === 'pending' || state === 'placed' || state === 'migrating';

/** Everything but a released workload can be released (a stranded one holds nothing, but releasing ends it). */
export const isReleasable = (state: WorkloadState): boolean => state !== 'released';
