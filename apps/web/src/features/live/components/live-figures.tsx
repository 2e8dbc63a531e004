import type { ReactNode } from 'react';
import { FactList } from '../../../components/fact-list.tsx';
import { formatClock } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import type { LiveFact } from '../model/live-facts.ts';

interface LiveFiguresProps {
  /** Id of the "Live" heading (the section's accessible name). */
  titleId: string;
  /** Epoch ms of the newest values shown; absent before the first. */
  at?: number;
  facts: readonly LiveFact[];
  /** What to say when there are no figures ("No live figures for this link."). */
  emptyText: string;
  /** Lines between the heading and the figures (a site's observed health). */
  children?: ReactNode;
}

/** The "Live" heading of a site's or link's panel, with the time of its values, then its current figures. */
export function LiveFigures({ titleId, at, facts, emptyText, children }: LiveFiguresProps) {
  const t = useT();
  return (
    <>
      <h3 id={titleId}>
        {t('live.figures.title')}
        {at !== undefined && <span className="as-of">{t('live.figures.asOf', { time: formatClock(at), zone: viewerZone() })}</span>}
      </h3>
      {children}
      {facts.length > 0 ? <FactList className="live-facts" label={t('live.figures.label')} facts={facts.map((f) => [f.label, f.value] as const)} /> : <p className="muted">{emptyText}</p>}
    </>
  );
}
