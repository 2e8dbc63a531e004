import type { Principal } from '@corridor/shared';
import { lazy, type ReactNode } from 'react';
import type { MessageKey } from '../lib/i18n/message-keys.ts';
import { translate } from '../lib/i18n/runtime.ts';
import { placingDeniedReason, ROLE_LABELS, viewDeniedReason, type Abilities } from '../features/session/model/abilities.ts';
import { timelineFilterOf, urlPatchOfTimelineFilter, urlPatchOfWorkloadFilter, workloadFilterOf } from './url-state.ts';
import type { ViewContext } from './view-context.ts';

// The map is what most visits show: every other page loads when first opened.
const PlaceView = lazy(() => import('./place-view.tsx').then((m) => ({ default: m.PlaceView })));
const WorkloadsView = lazy(() => import('./workloads-view.tsx').then((m) => ({ default: m.WorkloadsView })));
const UsersPage = lazy(() => import('../features/admin/components/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import('../features/admin/components/tokens-page.tsx').then((m) => ({ default: m.TokensPage })));
const AuditPage = lazy(() => import('../features/admin/components/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const AlertsView = lazy(() => import('./alerts-view.tsx').then((m) => ({ default: m.AlertsView })));
const TimelinePage = lazy(() => import('../features/timeline/components/timeline-page.tsx').then((m) => ({ default: m.TimelinePage })));
const LinksView = lazy(() => import('./links-view.tsx').then((m) => ({ default: m.LinksView })));
const DrainView = lazy(() => import('./drain-view.tsx').then((m) => ({ default: m.DrainView })));
const CapacityView = lazy(() => import('./capacity-view.tsx').then((m) => ({ default: m.CapacityView })));
const BatchView = lazy(() => import('./batch-view.tsx').then((m) => ({ default: m.BatchView })));
const PolicyPage = lazy(() => import('../features/admin/components/policy-page.tsx').then((m) => ({ default: m.PolicyPage })));

export type { ViewContext };

/** One page of the console besides the map: its ?view= name, its tab, who may open it (and why not), and what it draws. */
export interface ConsoleViewDeclaration {
  id: string;
  /** The tab's words and the page's title (a key: read in the language in force when shown). */
  labelKey: MessageKey;
  /** Whether the person's role may open it; everyone when absent. */
  may?: (abilities: Abilities) => boolean;
  /** Why not, in words, for a person who followed a link to it. */
  deniedReason?: (principal: Principal) => string;
  /** Reached from another page (a site's "Drain…"), not from a tab. */
  noTab?: boolean;
  render: (context: ViewContext) => ReactNode;
}

/**
 * The console's pages, in tab order. A new page is one entry here: the tab, the deep link (?view=<id>),
 * the role check and the "not for your role" page all follow from it. A ?view= not listed is unknown.
 */
export const CONSOLE_VIEWS: readonly ConsoleViewDeclaration[] = [
  {
    // Every role reads it (a tenant's committed is its own workloads'); the executive lands on it.
    id: 'capacity',
    labelKey: 'capacity.title',
    render: (context) => <CapacityView {...context} />,
  },
  {
    id: 'place',
    labelKey: 'app.view.place',
    may: (a) => a.canPlace,
    deniedReason: placingDeniedReason,
    render: ({ abilities, sites, fleet, url, setUrl }) => (
      <PlaceView ownTenant={abilities.ownTenant} sites={sites} links={fleet.links} boundary={url.boundary} onPlaced={(workload) => setUrl({ view: 'workloads', workload })} />
    ),
  },
  {
    // The batch what-if: a dry run, for the roles that may plan (a tenant: its own workloads).
    id: 'batch',
    labelKey: 'batch.tab',
    may: (a) => a.canPlace,
    deniedReason: placingDeniedReason,
    render: (context) => <BatchView {...context} />,
  },
  {
    id: 'workloads',
    labelKey: 'app.view.workloads',
    render: ({ abilities, url, setUrl, link, sites, siteName }) => (
      <WorkloadsView
        filter={workloadFilterOf(url)}
        onFilterChange={(patch, options) => setUrl(urlPatchOfWorkloadFilter(patch), options)}
        sites={sites}
        siteName={siteName}
        linkTo={(workload) => link({ workload })}
        placeLink={abilities.canPlace ? link({ view: 'place' }) : undefined}
        ownTenant={abilities.ownTenant}
      />
    ),
  },
  {
    id: 'alerts',
    labelKey: 'app.view.alerts',
    may: (a) => a.canReadNoc,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.alerts'), 'noc:read'),
    render: (context) => <AlertsView {...context} />,
  },
  {
    id: 'timeline',
    labelKey: 'app.view.timeline',
    may: (a) => a.canReadTimeline,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.timeline'), 'timeline:read'),
    render: ({ url, setUrl, link, sites, fleet, siteName }) => (
      <TimelinePage
        filter={timelineFilterOf(url)}
        onFilterChange={(patch, options) => setUrl(urlPatchOfTimelineFilter(patch), options)}
        sites={sites}
        links={fleet.links}
        entityLinks={{
          siteName,
          linkName: (id) => fleet.links.find((l) => l.id === id)?.name ?? id,
          site: (site) => link({ view: undefined, site, link: undefined }),
          link: (id) => link({ view: undefined, link: id, site: undefined }),
          workload: (workload) => link({ workload }),
        }}
      />
    ),
  },
  {
    id: 'links',
    labelKey: 'app.view.links',
    render: ({ fleet, link }) => <LinksView fleet={fleet} linkTo={(id) => link({ view: undefined, link: id, site: undefined })} />,
  },
  {
    id: 'drain',
    labelKey: 'app.view.drain',
    noTab: true,
    may: (a) => a.canReadNoc,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.drain'), 'noc:operate'),
    render: (context) => <DrainView {...context} />,
  },
  {
    id: 'users',
    labelKey: 'app.view.users',
    may: (a) => a.canAdminIdentity,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.users'), 'identity:admin'),
    render: ({ principal }) => <UsersPage self={principal.username} roleLabels={ROLE_LABELS} />,
  },
  {
    id: 'tokens',
    labelKey: 'app.view.tokens',
    may: (a) => a.canAdminIdentity,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.tokens'), 'identity:admin'),
    render: () => <TokensPage roleLabels={ROLE_LABELS} />,
  },
  {
    id: 'audit',
    labelKey: 'app.view.audit',
    may: (a) => a.canReadAudit,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.audit'), 'audit:read'),
    render: ({ url, setUrl }) => (
      <AuditPage
        filter={{ action: url.auditAction, actor: url.auditActor, from: url.auditFrom, to: url.auditTo }}
        onFilterChange={(patch, options) =>
          setUrl(
            {
              ...('action' in patch ? { auditAction: patch.action } : {}),
              ...('actor' in patch ? { auditActor: patch.actor } : {}),
              ...('from' in patch ? { auditFrom: patch.from } : {}),
              ...('to' in patch ? { auditTo: patch.to } : {}),
            },
            options,
          )
        }
      />
    ),
  },
  {
    id: 'policy',
    labelKey: 'app.view.policy',
    may: (a) => a.canReadPolicy,
    deniedReason: (p) => viewDeniedReason(p, translate('app.what.policy'), 'fleet:read'),
    render: () => <PolicyPage />,
  },
];

/** The view a ?view= names, if the console has it. */
export const findView = (id: string | undefined): ConsoleViewDeclaration | undefined => (id === undefined ? undefined : CONSOLE_VIEWS.find((v) => v.id === id));

/** The views a role may open, for its tabs. */
export const viewsFor = (abilities: Abilities): ConsoleViewDeclaration[] => CONSOLE_VIEWS.filter((v) => !v.noTab && (!v.may || v.may(abilities)));
