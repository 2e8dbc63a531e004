import type { CSSProperties } from 'react';
import { STATUS_ORDER, STATUS_STYLES } from '../../../lib/site-status.ts';

/** Key to the map: status colours, marker size, link styles. */
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
        <li><span className="legend-line submarine" aria-hidden="true" />Submarine cable</li>
        <li><span className="legend-line terrestrial" aria-hidden="true" />Terrestrial link</li>
      </ul>
      <p>Marker area ∝ IT capacity (MW)</p>
    </section>
  );
}
