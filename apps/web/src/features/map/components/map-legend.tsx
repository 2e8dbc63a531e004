import type { CSSProperties } from 'react';
import { LINK_CONDITION_STYLES } from '../../../lib/link-condition.ts';
import { STATUS_ORDER, STATUS_STYLES } from '../../../lib/site-status.ts';

/** Key to the map: status colours, marker size, link styles and the live link scale. */
export function MapLegend() {
  return (
    <section className="map-control map-legend" aria-label="Map legend">
      <ul>
        {STATUS_ORDER.map((status) => {
          const { label, colour, hollow } = STATUS_STYLES[status];
          return (
            <li key={status}>
              <span className={`legend-dot${hollow ? ' hollow' : ''}`} style={{ '--dot': colour } as CSSProperties} aria-hidden="true" />
              {label}
            </li>
          );
        })}
        <li>
          <span className="legend-line submarine" aria-hidden="true" />
          Submarine cable
        </li>
        <li>
          <span className="legend-line terrestrial" aria-hidden="true" />
          Terrestrial link
        </li>
        {Object.entries(LINK_CONDITION_STYLES).map(([condition, { label, colour }]) => (
          <li key={condition}>
            <span className={`legend-line live ${condition}`} style={{ '--line': colour } as CSSProperties} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <p>Marker area ∝ IT capacity (MW); links coloured by live RTT and loss</p>
    </section>
  );
}
