import type { PathOptions } from 'leaflet';
import { useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { LINK_CONDITION_STYLES } from '../../../lib/link-condition.ts';
import { DECLARED_STYLES, HEALTH_ORDER, HEALTH_STYLES, SITE_LOOKS } from '../../../lib/site-status.ts';
import { CONDITION_PATTERNS, liveLinkStyle } from '../model/link-style.ts';
import { LOOK_SHAPES, PLANNED_DASH, shapePathData, type MarkerShape } from '../model/marker-shape.ts';

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

/** The marker of a look as the map draws it: its shape, filled or hollow, in its colour. */
function ShapeSample({ shape, colour, hollow, ring }: { shape: MarkerShape; colour: string; hollow: boolean; ring?: string }) {
  return (
    <svg className="legend-shape" width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true" data-shape={shape}>
      <path
        d={shapePathData(shape, 0, 0, ring ? 3.5 : 5.5)}
        fill={hollow ? 'none' : colour}
        stroke={hollow ? colour : 'var(--marker-outline)'}
        strokeWidth={hollow ? 1.5 : 1}
        strokeDasharray={shape === 'dashed-ring' ? PLANNED_DASH : undefined}
      />
      {ring && <circle r="7.5" fill="none" stroke={ring} strokeWidth="1.5" />}
    </svg>
  );
}

/** A line as the map draws it: its colour, width and dash pattern. */
function LineSample({ style, className }: { style: PathOptions; className: string }) {
  return (
    <svg className={`legend-line ${className}`} width="28" height="8" viewBox="0 0 28 8" aria-hidden="true" data-dash={style.dashArray ?? 'solid'}>
      <line
        x1="1"
        y1="4"
        x2="27"
        y2="4"
        stroke={style.color}
        strokeWidth={style.weight}
        strokeDasharray={typeof style.dashArray === 'string' ? style.dashArray : style.dashArray?.join(' ')}
        strokeLinecap={style.lineCap === 'round' ? 'round' : 'butt'}
      />
    </svg>
  );
}

const CONDITIONS = ['elevated', 'lossy', 'cut'] as const;

/**
 * Key to the map: a built site's shape and colour are its observed health, a site not built yet shows
 * its declared status, a ring marks maintenance; clusters; marker size; links by kind (width) and
 * condition (colour and dash pattern). Every sample is drawn from the map's own styles. It collapses to
 * one button, and remembers that (localStorage); until asked, it starts closed on a screen under 900 px high.
 */
export function MapLegend() {
  const t = useT();
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
    <section className={`map-control map-legend${open ? '' : ' closed'}`} aria-label={t('map.legend.region')}>
      <button type="button" className="legend-toggle" aria-expanded={open} aria-controls="map-legend-body" onClick={toggle}>
        {t(open ? 'map.legend.hide' : 'map.legend.show')}
      </button>
      {open && (
        <div id="map-legend-body">
          <h3>{t('map.legend.built')}</h3>
          <ul>
            {HEALTH_ORDER.map((health) => (
              <li key={health}>
                <ShapeSample shape={LOOK_SHAPES[health]} colour={HEALTH_STYLES[health].colour} hollow={HEALTH_STYLES[health].hollow} />
                {HEALTH_STYLES[health].label}
              </li>
            ))}
            <li className="legend-wide">
              <ShapeSample shape="disc" colour={HEALTH_STYLES.ok.colour} hollow={false} ring={DECLARED_STYLES.maintenance.colour} />
              {t('map.legend.maintenance')}
            </li>
          </ul>
          <h3>{t('map.legend.pipeline')}</h3>
          <ul>
            {(['construction', 'planned'] as const).map((look) => (
              <li key={look}>
                <ShapeSample shape={LOOK_SHAPES[look]} colour={SITE_LOOKS[look].colour} hollow={SITE_LOOKS[look].hollow} />
                {SITE_LOOKS[look].label}
              </li>
            ))}
          </ul>
          <h3>{t('map.legend.clustersAndLinks')}</h3>
          <ul>
            <li className="legend-wide">
              <span className="legend-cluster" aria-hidden="true">
                {t('map.legend.clusterSampleSize', { size: 4 })}
                <span className="legend-badge">{t('map.legend.clusterSampleAlerts', { alerts: 2 })}</span>
              </span>
              {t('map.legend.cluster', { size: 4, alerts: 2 })}
            </li>
            <li className="legend-wide">
              <ShapeSample shape={LOOK_SHAPES.down} colour={HEALTH_STYLES.down.colour} hollow={false} />
              {t('map.legend.clusterShape')}
            </li>
            <li>
              <LineSample style={liveLinkStyle('submarine', 'normal')} className="submarine" />
              {t('map.legend.submarine')}
            </li>
            <li>
              <LineSample style={liveLinkStyle('terrestrial', 'normal')} className="terrestrial" />
              {t('map.legend.terrestrial')}
            </li>
            {CONDITIONS.map((condition) => (
              <li key={condition}>
                <LineSample style={liveLinkStyle('terrestrial', condition)} className={`live ${condition}`} />
                {t('map.legend.pattern', { condition: LINK_CONDITION_STYLES[condition].label, pattern: CONDITION_PATTERNS[condition].pattern })}
              </li>
            ))}
          </ul>
          <p>{t('map.legend.note')}</p>
        </div>
      )}
    </section>
  );
}
