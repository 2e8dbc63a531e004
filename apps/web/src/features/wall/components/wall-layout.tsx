import './wall.css';
import { useMemo, type MouseEvent, type ReactNode } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useNow } from '../../../lib/use-now.ts';

interface WallLayoutProps {
  /** The network map, full height. */
  map: ReactNode;
  ticker: ReactNode;
  banner: ReactNode;
  /** What the map is on now, in words ("Focus: Benguerir 1"), from the caller's catalogue. */
  focus?: string;
  exitLink: { href: string; onClick: (event: MouseEvent<HTMLAnchorElement>) => void };
}

/** Wall mode (?wall=1): a header line with the clock, the stale banner, the map and the ticker beside it (on the right, on the left in Arabic: the grid follows the direction). */
export function WallLayout({ map, ticker, banner, focus, exitLink }: WallLayoutProps) {
  const now = useNow(10_000);
  const t = useT();
  // The clock reads as the language writes times (24-hour, as NOCs read them), naming the viewer's zone.
  const clock = useMemo(() => new Intl.DateTimeFormat(t.tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }), [t.tag]);
  return (
    <div className="wall">
      <header className="wall-head">
        <h1>{t('wall.title')}</h1>
        <p className="wall-focus" aria-live="polite">
          {focus ?? t('wall.focus.all')}
        </p>
        <p className="wall-clock">
          <time dateTime={new Date(now).toISOString()}>{clock.format(now)}</time>
        </p>
        <a className="wall-exit" {...exitLink}>
          {t('wall.exit')}
        </a>
      </header>
      {banner}
      <main className="wall-map">{map}</main>
      {ticker}
    </div>
  );
}
