import type { MouseEvent } from 'react';
import { serializeUrlState, type UrlState } from './url-state.ts';

/** A link the console follows in place on a plain click; a modified click opens it anew. */
export interface InPlaceLink {
  href: string;
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}

/**
 * A real link to another state of the console (it can be copied, or opened in a new tab with a
 * modified click); a plain click navigates in place.
 */
export function inPlaceLink(current: UrlState, patch: Partial<UrlState>, navigate: (patch: Partial<UrlState>) => void): InPlaceLink {
  return {
    href: `${window.location.pathname}${serializeUrlState({ ...current, ...patch }, window.location.search)}`,
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(patch);
    },
  };
}
