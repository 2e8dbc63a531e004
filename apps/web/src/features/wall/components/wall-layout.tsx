import './wall.css';
import type { MouseEvent, ReactNode } from 'react';
import { useNow } from '../../../lib/use-now.ts';

interface WallLayoutProps {
  /** The network map, full height. */
  map: ReactNode;
  ticker: ReactNode;
  banner: ReactNode;
  /** What the map is on now, in words ("Focus: Benguerir 1"). */
  focus?: string;
  exitLink: { href: string; onClick: (event: MouseEvent<HTMLAnchorElement>) => void };
}

const wallClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/** Wall mode (?wall=1): a header line with the clock, the stale banner, the map on the left and the ticker on the right. */
export function WallLayout({ map, ticker, banner, focus, exitLink }: WallLayoutProps) {
  const now = useNow(10_000);
  return (
    <div className="wall">
      <header className="wall-head">
        <h1>Corridor NOC</h1>
        <p className="wall-focus" aria-live="polite">
          {focus ?? 'All sites'}
        </p>
        <p className="wall-clock">{wallClock.format(now)}</p>
        <a className="wall-exit" {...exitLink}>
          Leave wall mode
        </a>
      </header>
      {banner}
      <main className="wall-map">{map}</main>
      {ticker}
    </div>
  );
}
