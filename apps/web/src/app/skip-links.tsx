import type { MouseEvent } from 'react';
import { useT } from '../lib/i18n/i18n.tsx';
import type { MessageKey } from '../lib/i18n/message-keys.ts';

/** The ids skip links lead to: the map view's map and site list, and any other view's content. */
export const SKIP_TARGETS = { map: 'map', siteList: 'site-list', content: 'content' } as const;

interface SkipLink {
  target: string;
  text: MessageKey;
}

const MAP_VIEW_LINKS: readonly SkipLink[] = [
  { target: SKIP_TARGETS.map, text: 'app.skip.map' },
  { target: SKIP_TARGETS.siteList, text: 'app.skip.list' },
];
const PAGE_LINKS: readonly SkipLink[] = [{ target: SKIP_TARGETS.content, text: 'app.skip.main' }];

/**
 * The first thing Tab reaches: links past the header and tabs, shown only while focused. Following one
 * focuses its target (not the URL's hash, which the console's state does not keep).
 */
export function SkipLinks({ mapView }: { mapView: boolean }) {
  const t = useT();
  const go = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    // A page's content is its <main> (every view draws one); the map view's parts have ids of their own.
    const element = target === SKIP_TARGETS.content ? document.querySelector<HTMLElement>('main') : document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
    element.focus();
    element.scrollIntoView?.({ block: 'nearest' });
  };
  return (
    <nav className="skip-links" aria-label={t('app.skip.label')}>
      {(mapView ? MAP_VIEW_LINKS : PAGE_LINKS).map(({ target, text }) => (
        <a key={target} className="skip-link" href={`#${target}`} onClick={(e) => go(e, target)}>
          {t(text)}
        </a>
      ))}
    </nav>
  );
}
