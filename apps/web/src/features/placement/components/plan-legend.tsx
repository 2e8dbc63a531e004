import './placement.css';
import type { CSSProperties } from 'react';

/** Key to a plan on the map: numbered candidates, grey rejected sites (in the map's grey), reasons on hover. */
export function PlanLegend({ greyedColour }: { greyedColour: string }) {
  return (
    <section className="map-control plan-legend" aria-label="Plan legend">
      <ul>
        <li>
          <span className="rank-badge first" aria-hidden="true">
            1
          </span>
          <span className="rank-badge" aria-hidden="true">
            2
          </span>
          Candidates by rank (1 is best)
        </li>
        <li>
          <span className="legend-dot" style={{ '--dot': greyedColour } as CSSProperties} aria-hidden="true" />
          Rejected: hover a site for its reasons
        </li>
      </ul>
    </section>
  );
}
