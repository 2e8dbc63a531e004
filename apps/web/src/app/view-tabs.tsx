import type { InPlaceLink } from './in-place-link.ts';
import type { ConsoleView } from './url-state.ts';

const VIEWS: readonly { view?: ConsoleView; label: string }[] = [
  { view: undefined, label: 'Network map' },
  { view: 'place', label: 'Place a workload' },
  { view: 'workloads', label: 'Workloads' },
];

interface ViewTabsProps {
  current?: ConsoleView;
  linkTo: (view?: ConsoleView) => InPlaceLink;
  /** Whether the person's role may place workloads: the tab is not offered otherwise. */
  canPlace: boolean;
}

/** The console's pages, as links (each is a deep link); the current one is marked for assistive technology too. */
export function ViewTabs({ current, linkTo, canPlace }: ViewTabsProps) {
  return (
    <nav className="view-tabs" aria-label="Console">
      <ul>
        {VIEWS.filter(({ view }) => canPlace || view !== 'place').map(({ view, label }) => (
          <li key={label}>
            <a {...linkTo(view)} aria-current={view === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
