import type { Principal } from '@corridor/shared';
import { useEffect } from 'react';
import type { UrlState } from './url-state.ts';
import type { UrlStateUpdate } from './use-url-state.ts';

/** Parameters that ask for a page of their own: the console opens that, not the landing view. */
const ASKED = ['view', 'workload', 'site', 'link', 'wall'];
const LANDED_KEY = 'corridor.landed';

/** Whether an executive opening the console at this address lands on Capacity (nothing else was asked for). */
export function landsOnCapacity(principal: Pick<Principal, 'role'>, search: string): boolean {
  if (principal.role !== 'executive') return false;
  const params = new URLSearchParams(search);
  return !ASKED.some((key) => params.has(key));
}

function landedBefore(): boolean {
  try {
    if (window.sessionStorage.getItem(LANDED_KEY)) return true;
    window.sessionStorage.setItem(LANDED_KEY, '1');
  } catch {
    // No session storage (a locked-down browser): land every time the console opens.
  }
  return false;
}

/**
 * An executive's first page is Capacity (the figures an executive opens every morning): when the console
 * first opens in a browser tab at its plain address. Afterwards the map's address opens the map, also on
 * a reload: the landing is a first page, not a wall in front of the map.
 */
export function useExecutiveLanding(principal: Principal, setUrl: (patch: Partial<UrlState>, options?: UrlStateUpdate) => void): void {
  useEffect(() => {
    if (landsOnCapacity(principal, window.location.search) && !landedBefore()) setUrl({ view: 'capacity' }, { replace: true });
    // Only when the console opens: a later visit to the map is the person's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
