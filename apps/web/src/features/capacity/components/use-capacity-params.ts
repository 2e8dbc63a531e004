import { useCallback, useEffect, useState } from 'react';
import { parseCapacityParams, withCapacityParams, type CapacityParams } from '../model/capacity-params.ts';

/**
 * The view's parameters in the address bar, so a board member's link opens the same reading. Changed with
 * replaceState (a switch of metric is not a page to go back to); Back and Forward are followed.
 */
export function useCapacityParams(): [CapacityParams, (patch: Partial<CapacityParams>) => void] {
  const [params, setParams] = useState(() => parseCapacityParams(window.location.search));
  useEffect(() => {
    const follow = () => setParams(parseCapacityParams(window.location.search));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  const update = useCallback((patch: Partial<CapacityParams>) => {
    const next = { ...parseCapacityParams(window.location.search), ...patch };
    const search = withCapacityParams(window.location.search, next);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    setParams(next);
  }, []);
  return [params, update];
}
