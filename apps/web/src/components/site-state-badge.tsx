import type { CSSProperties } from 'react';
import { useT } from '../lib/i18n/i18n.tsx';
import { DECLARED_STYLES, HEALTH_STYLES, stateLabel, type SiteState } from '../lib/site-status.ts';

/**
 * A site's declared status and observed health as one compact pair, both named ("Operational · Down"),
 * the same in the list, the panel and the map's label. A site not built yet shows its status alone.
 */
export function SiteStateBadge({ state }: { state: SiteState }) {
  const t = useT();
  const declared = DECLARED_STYLES[state.declared];
  const health = state.health ? HEALTH_STYLES[state.health] : undefined;
  return (
    <span className="site-state" title={state.reason ? t('common.state.withReason', { state: stateLabel(state), reason: state.reason }) : undefined}>
      <span className={`status-badge${declared.hollow ? ' hollow' : ''}`} style={{ '--status': declared.colour } as CSSProperties}>
        {declared.label}
      </span>
      {health && (
        <>
          <span className="site-state-sep" aria-hidden="true">
            {t('common.separator')}
          </span>
          <span className={`status-badge health-badge${health.hollow ? ' hollow' : ''}`} data-health={state.health} style={{ '--status': health.colour } as CSSProperties}>
            {health.label}
          </span>
        </>
      )}
    </span>
  );
}
