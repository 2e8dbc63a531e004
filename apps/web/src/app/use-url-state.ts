import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseUrlState, serializeUrlState, type UrlState } from './url-state.ts';

const URL_CHANGE = 'corridor:urlchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(URL_CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(URL_CHANGE, onChange);
  };
}

const getSearch = () => window.location.search;

export interface UrlStateUpdate {
  /** Replace the history entry instead of pushing one (typing in the search box). */
  replace?: boolean;
}

/** The URL's state and a setter: push for navigations (selection), replace for refinements (typing). */
export function useUrlState(): [UrlState, (patch: Partial<UrlState>, options?: UrlStateUpdate) => void] {
  const search = useSyncExternalStore(subscribe, getSearch, getSearch);
  const state = useMemo(() => parseUrlState(search), [search]);

  const update = useCallback((patch: Partial<UrlState>, options: UrlStateUpdate = {}) => {
    const current = parseUrlState(window.location.search);
    const next = serializeUrlState({ ...current, ...patch }, window.location.search);
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    window.dispatchEvent(new Event(URL_CHANGE));
  }, []);

  return [state, update];
}
