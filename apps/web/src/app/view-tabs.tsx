import { useT } from '../lib/i18n/i18n.tsx';
import type { ConsoleViewDeclaration } from './console-views.tsx';
import type { InPlaceLink } from './in-place-link.ts';
import type { ConsoleView } from './url-state.ts';

interface ViewTabsProps {
  current?: ConsoleView;
  linkTo: (view?: ConsoleView) => InPlaceLink;
  /** The pages the person's role may open (the others are not offered): from the console's view list. */
  views: readonly Pick<ConsoleViewDeclaration, 'id' | 'labelKey'>[];
}

/** The console's pages, as links (each is a deep link); the current one is marked for assistive technology too. */
export function ViewTabs({ current, linkTo, views }: ViewTabsProps) {
  const t = useT();
  const tabs = [{ id: undefined, labelKey: 'app.view.map' as const }, ...views];
  return (
    <nav className="view-tabs" aria-label={t('app.tabs.label')}>
      <ul>
        {tabs.map(({ id, labelKey }) => (
          <li key={labelKey}>
            <a {...linkTo(id)} aria-current={id === current ? 'page' : undefined}>
              {t(labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
