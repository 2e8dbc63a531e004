import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { EntityValues, LiveState } from '../model/live-state.ts';
import { liveQueries } from './live-queries.ts';

/*
 * Read-only views of the live state. Only the live feed (LiveClient) fetches and writes ['live']; these
 * observe it (enabled: false), each selecting a part that keeps its identity while unchanged, so a
 * component re-renders only when its part changed.
 */
const observe = { ...liveQueries.snapshot(), enabled: false } as const;

const selectHealth = (s: LiveState) => s.health;
const selectLinks = (s: LiveState) => s.links;
const selectFaults = (s: LiveState) => s.faults;

export const useLiveHealth = () => useQuery({ ...observe, select: selectHealth }).data;
export const useLiveLinks = () => useQuery({ ...observe, select: selectLinks }).data;
export const useLiveFaults = () => useQuery({ ...observe, select: selectFaults }).data;

/** One site's latest values and observed health. */
export function useLiveSite(siteId: string): { values?: EntityValues; health?: LiveState['health'][string] } {
  const values = useQuery({ ...observe, select: useCallback((s: LiveState) => s.sites[siteId], [siteId]) }).data;
  const health = useQuery({ ...observe, select: useCallback((s: LiveState) => s.health[siteId], [siteId]) }).data;
  return { values, health };
}

/** One link's latest values. */
export function useLiveLink(linkId: string): EntityValues | undefined {
  return useQuery({ ...observe, select: useCallback((s: LiveState) => s.links[linkId], [linkId]) }).data;
}
