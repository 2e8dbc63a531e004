import type { CapacityLedgerRow } from '@corridor/shared';
import { useEffect, useMemo, useRef } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { formatMw } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useIsolate } from './isolate.ts';
import { CHOROPLETH_METRICS, choroplethClasses, classOf, ISO_NUMERIC, metricMw, type ChoroplethMetric } from '../model/choropleth.ts';
import { placeLabels } from '../model/map-labels.ts';
import { fitFrame, labelPoint, project, shapePath, type CountryShape, type Frame } from '../model/projection.ts';
import { figureNameKey } from './figure-help.tsx';

/** A site as a bubble: where it stands and its MW (installed, or pipeline for a site not yet built). */
export interface SiteBubble {
  id: string;
  country: string;
  lat: number;
  lon: number;
  installedMw: number;
  pipelineMw: number;
}

interface ChoroplethProps {
  /** Country outlines from the console's offline basemap (world-atlas); the legend and labels show without them. */
  shapes: readonly CountryShape[] | undefined;
  countries: readonly CapacityLedgerRow[];
  bubbles: readonly SiteBubble[];
  metric: ChoroplethMetric;
  onMetricChange: (metric: ChoroplethMetric) => void;
}

const WIDTH_PX = 900;

/**
 * Sites as bubbles on a canvas (10,000 of them draw in one pass, no DOM node each): area by MW, filled when
 * installed, a ring when only in the pipeline, so the kind is told by shape as well as by colour.
 */
function BubbleCanvas({ frame, bubbles }: { frame: Frame; bubbles: readonly SiteBubble[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = frame.width * scale;
    canvas.height = frame.height * scale;
    context.setTransform(scale, 0, 0, scale, 0, 0);
    context.clearRect(0, 0, frame.width, frame.height);
    const ink = getComputedStyle(canvas).getPropertyValue('--capacity-bubble').trim() || '#f2c94c';
    context.lineWidth = 1.5;
    context.strokeStyle = ink;
    context.fillStyle = ink;
    context.globalAlpha = 0.75;
    for (const b of bubbles) {
      const [x, y] = project(frame, b.lon, b.lat);
      const mw = b.installedMw > 0 ? b.installedMw : b.pipelineMw;
      const r = Math.max(2, Math.sqrt(mw) * 2.2);
      context.beginPath();
      context.arc(x, y, r, 0, Math.PI * 2);
      if (b.installedMw > 0) context.fill();
      else context.stroke();
    }
    // Says how many it drew (the benchmark waits for it; a test can read it).
    canvas.dataset.bubbles = String(bubbles.length);
  }, [frame, bubbles]);
  return <canvas ref={ref} className="capacity-bubbles" aria-hidden="true" style={{ aspectRatio: `${frame.width} / ${frame.height}` }} />;
}

/** Countries shaded by installed, free or pipeline MW, each country's value written on it, a legend with values; the table below is the accessible path. */
export function CapacityChoropleth({ shapes, countries, bubbles, metric, onMetricChange }: ChoroplethProps) {
  const t = useT();
  const iso = useIsolate();
  const frame = useMemo(
    () =>
      fitFrame(
        bubbles.length
          ? bubbles
          : [
              { lat: 10, lon: -20 },
              { lat: 50, lon: 10 },
            ],
        WIDTH_PX,
      ),
    [bubbles],
  );
  const byNumeric = useMemo(() => new Map(countries.map((row) => [ISO_NUMERIC[row.key] ?? '', row])), [countries]);
  const maxMw = Math.max(0, ...countries.map((row) => metricMw(row, metric)));
  const classes = choroplethClasses(maxMw);
  const paths = useMemo(() => {
    // A country's label sits among its sites when it has some (the United States' middle is off the frame).
    const sitesAt = new Map<string, [number, number, number]>();
    for (const b of bubbles) {
      const [x, y] = project(frame, b.lon, b.lat);
      const sum = sitesAt.get(ISO_NUMERIC[b.country] ?? '') ?? [0, 0, 0];
      sitesAt.set(ISO_NUMERIC[b.country] ?? '', [sum[0] + x, sum[1] + y, sum[2] + 1]);
    }
    return (shapes ?? []).map((shape) => {
      const at = sitesAt.get(shape.id);
      const label: [number, number] | undefined = at ? [at[0] / at[2], at[1] / at[2] - 14] : labelPoint(frame, shape);
      return { id: shape.id, d: shapePath(frame, shape), label };
    });
  }, [shapes, frame, bubbles]);
  const metricName = t(figureNameKey(metric));
  const described = new Intl.ListFormat(t.tag, { type: 'unit', style: 'long' }).format(
    countries.map((row) => t('capacity.map.countryValue', { country: countryName(row.key), value: iso(formatMw(metricMw(row, metric))) })),
  );
  return (
    <section className="capacity-section capacity-map" aria-labelledby="capacity-map-title">
      <h3 id="capacity-map-title">{t('capacity.map.title', { metric: metricName })}</h3>
      <div className="capacity-controls" role="group" aria-label={t('capacity.map.metric')}>
        {CHOROPLETH_METRICS.map((m) => (
          <button key={m} type="button" className="ops-button" aria-pressed={m === metric} onClick={() => onMetricChange(m)}>
            {t(figureNameKey(m))}
          </button>
        ))}
      </div>
      {/* The map keeps its left-to-right sense in every language, as the network map does. */}
      <div className="capacity-map-frame" dir="ltr" role="img" aria-label={t('capacity.map.described', { metric: metricName, values: described })}>
        <svg viewBox={`0 0 ${frame.width} ${frame.height}`} className="capacity-countries" aria-hidden="true">
          {paths.map((p) => {
            const row = byNumeric.get(p.id);
            const value = row ? metricMw(row, metric) : undefined;
            return <path key={p.id} d={p.d} className={row ? `capacity-shade c${classOf(value ?? 0, maxMw)}` : 'capacity-land'} fillRule="evenodd" />;
          })}
          {placeLabels(
            paths.flatMap((p) => {
              const row = byNumeric.get(p.id);
              return row && p.label ? [{ id: p.id, x: p.label[0], y: p.label[1], text: t('capacity.map.label', { code: row.key, value: formatMw(metricMw(row, metric)) }) }] : [];
            }),
          ).map((label) => (
            <text key={label.id} x={label.x} y={label.y} className="capacity-map-label" textAnchor="middle">
              {label.text}
            </text>
          ))}
        </svg>
        <BubbleCanvas frame={frame} bubbles={bubbles} />
      </div>
      <ul className="capacity-legend" aria-label={t('capacity.map.legend', { metric: metricName })}>
        <li>
          <span className="capacity-swatch c0" aria-hidden="true" />
          {t('capacity.map.legendNone')}
        </li>
        {classes.map((c) => (
          <li key={c.index}>
            <span className={`capacity-swatch c${c.index}`} aria-hidden="true" />
            <bdi>{t('capacity.map.legendRange', { from: iso(formatMw(c.fromMw)), to: iso(formatMw(c.toMw)) })}</bdi>
          </li>
        ))}
        <li>
          <span className="capacity-swatch bubble" aria-hidden="true" />
          {t('capacity.map.legendBubble')}
        </li>
        <li>
          <span className="capacity-swatch ring" aria-hidden="true" />
          {t('capacity.map.legendRing')}
        </li>
      </ul>
    </section>
  );
}
