import type { WorkloadState } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { isReleasable, isSettling } from './workload-state.ts';

describe('workload states', () => {
  it('asks again only for a workload the system is still moving', () => {
    expect(['pending', 'placed', 'migrating'].every((s) => isSettling(s as WorkloadState))).toBe(true);
    expect(['running', 'stranded', 'released'].some((s) => isSettling(s as WorkloadState))).toBe(false);
  });

  it('offers Release for every state but released', () => {
    expect(isReleasable('running')).toBe(true);
    expect(isReleasable('stranded')).toBe(true);
    expect(isReleasable('released')).toBe(false);
  });
});
