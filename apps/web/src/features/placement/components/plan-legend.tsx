import './placement.css';
import type { CSSProperties } from 'react';
import { formatCount } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Key to a plan on the map: numbered candidates, grey rejected sites (in the map's grey; they carry no
 * number, so grey is not the only sign), reasons on hover; and what the scarcity score, the one part not
 * read off the map, says.
 */
export function PlanLegend({ greyedColour }: { greyedColour: string }) {
  const t = useT();
  return (
    <section className="map-control plan-legend" aria-label={t('placement.legend.label')}>
      <ul>
        <li>
          <span className="rank-badge first" aria-hidden="true">
            {formatCount(1)}
          </span>
          <span className="rank-badge" aria-hidden="true">
            {formatCount(2)}
          </span>
          {t('placement.legend.candidates')}
        </li>
        <li>
          <span className="legend-dot" style={{ '--dot': greyedColour } as CSSProperties} aria-hidden="true" />
          {t('placement.legend.rejected')}
        </li>
        <li>{t('placement.legend.scarcity')}</li>
      </ul>
    </section>
  );
}
