import { useState, type CSSProperties } from 'react';
import { LINK_CONDITION_STYLES } from '../../../lib/link-condition.ts';
import { HEALTH_ORDER, HEALTH_STYLES, SITE_LOOKS } from '../../../lib/site-status.ts';

/** Where the legend's open or closed state is kept between visits. */
export const LEGEND_OPEN_KEY = 'corridor.map-legend.open';

function readOpen(): boolean {
  try {
    const stored = localStorage.getItem(LEGEND_OPEN_KEY);
    if (stored !== null) return stored === '1';
  } catch {
    // Storage refused (private mode): decide by the screen.
  }
  // Unasked, a short screen (1280 × 720) starts with it closed: the map keeps most of the screen.
  return typeof window.matchMedia !== 'function' || window.matchMedia('(min-height: 900px)').matches;
}

function Dot({ colour, hollow }: { colour: string; hollow: boolean }) {
  return <span className={`legend-dot${hollow ? ' hollow' : ''}`} style={{ '--dot': colour } as CSSProperties} aria-hidden="true" />;
}

/**
 * Key to the map: a built site's colour is its observed health, a site not built yet shows its declared
 * status; clusters; marker size; links. It collapses to one button, and remembers that (localStorage);
 * until asked, it starts closed on a screen under 900 px high.
 */
export function MapLegend() {
  const [open, setOpen] = useState(readOpen);
  const toggle = () => {
    setOpen(!open);
    try {
      localStorage.setItem(LEGEND_OPEN_KEY, open ? '0' : '1');
    } catch {
      // Storage refused (private mode): the legend still toggles for this visit.
    }
  };
  return (
    <section className={`map-control map-legend${open ? '' : ' closed'}`} aria-label="Map legend">
      <button type="button" className="legend-toggle" aria-expanded={open} aria-controls="map-legend-body" onClick={toggle}>
        {open ? 'Hide legend' : 'Legend'}
      </button>
      {open && (
        <div id="map-legend-body">
          <h3>Built sites: observed health</h3>
          <ul>
            {HEALTH_ORDER.map((health) => (
              <li key={health}>
                <Dot colour={HEALTH_STYLES[health].colour} hollow={HEALTH_STYLES[health].hollow} />
                {HEALTH_STYLES[health].label}
              </li>
            ))}
          </ul>
          <h3>Not built yet: declared status</h3>
          <ul>
            {(['construction', 'planned'] as const).map((look) => (
              <li key={look}>
                <Dot colour={SITE_LOOKS[look].colour} hollow={SITE_LOOKS[look].hollow} />
                {SITE_LOOKS[look].label}
              </li>
            ))}
          </ul>
          <h3>Clusters and links</h3>
          <ul>
            <li>
              <span className="legend-cluster" aria-hidden="true">
                4<span className="legend-badge">2</span>
              </span>
              Cluster: 4 sites, worst health inside, 2 firing alerts
            </li>
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
          <p>
            Marker area ∝ IT capacity (MW). Sites that overlap at this zoom form a cluster; click it or press Enter on it to expand. The worse health is always drawn on top. Declared status
            (operational, maintenance) is in the site list and panel.
          </p>
        </div>
      )}
    </section>
  );
}
