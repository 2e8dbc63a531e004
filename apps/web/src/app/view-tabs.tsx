import type { ConsoleViewDeclaration } from './console-views.tsx';
import type { InPlaceLink } from './in-place-link.ts';
import type { ConsoleView } from './url-state.ts';

interface ViewTabsProps {
  current?: ConsoleView;
  linkTo: (view?: ConsoleView) => InPlaceLink;
  /** The pages the person's role may open (the others are not offered): from the console's view list. */
  views: readonly Pick<ConsoleViewDeclaration, 'id' | 'label'>[];
}

/** The console's pages, as links (each is a deep link); the current one is marked for assistive technology too. */
export function ViewTabs({ current, linkTo, views }: ViewTabsProps) {
  const tabs = [{ id: undefined, label: 'Network map' }, ...views];
  return (
    <nav className="view-tabs" aria-label="Console">
      <ul>
        {tabs.map(({ id, label }) => (
          <li key={label}>
            <a {...linkTo(id)} aria-current={id === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
