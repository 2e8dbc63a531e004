import type { AlertSeverity } from '@corridor/shared';
import { SEVERITY_STYLES } from '../../../lib/alert-severity.ts';
import { formatCount } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

/** One alert as the wall shows it: every word on screen, nothing behind a hover. */
export interface TickerItem {
  id: string;
  severity: AlertSeverity;
  summary: string;
  place: string;
  /** "firing for 3 min". */
  age: string;
  /** Who acknowledged it ("operator"); absent while nobody has. */
  acknowledgedBy?: string;
  /** Their comment and ETA, shorter than the alerts view's. */
  acknowledgement?: string;
  marks: string[];
  /** The place the map is on now. */
  focused: boolean;
}

interface WallTickerProps {
  items: readonly TickerItem[];
  loading: boolean;
  error?: string;
}

/**
 * The wall's alert list, legible from 3 m at 1920 × 1080: 28 px and more, light on dark, the severity
 * as a word on its colour, the age and who acknowledged it on every alert. The alert the map is on is
 * marked in words too, not by its border alone.
 */
export function WallTicker({ items, loading, error }: WallTickerProps) {
  const t = useT();
  return (
    <section className="wall-ticker" aria-labelledby="wall-ticker-title">
      <h2 id="wall-ticker-title">
        {t('wall.ticker.title')} <span className="wall-count">{loading ? t('wall.ticker.loadingCount') : formatCount(items.length)}</span>
      </h2>
      {error && items.length === 0 && <p className="wall-note">{t('wall.ticker.unavailable', { error })}</p>}
      {!loading && !error && items.length === 0 && <p className="wall-note wall-calm">{t('wall.ticker.calm')}</p>}
      <ol>
        {items.map((item) => {
          const style = SEVERITY_STYLES[item.severity];
          return (
            <li key={item.id} className={item.focused ? 'wall-item is-focused' : 'wall-item'} data-alert-id={item.id} aria-current={item.focused || undefined}>
              <div className="wall-item-head">
                <span className="wall-severity" style={{ background: style.colour, color: style.ink }}>
                  {style.label}
                </span>
                {item.focused && <span className="wall-on-map">{t('wall.ticker.focused')}</span>}
                <span className="wall-age">{item.age}</span>
              </div>
              {/* The rule's words run in their own direction (English in an Arabic wall keeps its full stop at its end). */}
              <p className="wall-summary" dir="auto">
                {item.summary}
              </p>
              {/* Most summaries name the place already: the line is kept for those that do not (room on the wall is short). */}
              {!item.summary.includes(item.place) && (
                <p className="wall-place" dir="auto">
                  {item.place}
                </p>
              )}
              <p className={item.acknowledgedBy ? 'wall-ack' : 'wall-ack is-missing'}>
                {item.acknowledgedBy
                  ? item.acknowledgement
                    ? t('wall.ticker.ackWithNote', { name: item.acknowledgedBy, note: item.acknowledgement })
                    : t('wall.ticker.ack', { name: item.acknowledgedBy })
                  : t('wall.ticker.notAcknowledged')}
              </p>
              {item.marks.length > 0 && <p className="wall-marks">{item.marks.join(t('wall.ticker.marksSeparator'))}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
