import './live.css';
import { useQuery } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { formatGpus, formatMw, formatPercent, formatPue } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { liveQueries } from '../api/live-queries.ts';
import { fleetKpis } from '../model/kpis.ts';
import type { LiveState } from '../model/live-state.ts';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

interface LiveKpisProps {
  /** The sites the figures add up (the chosen country's); absent: the whole fleet. */
  siteIds?: ReadonlySet<string>;
  /** The country's name when the figures are one country's ("Live figures · Morocco"). */
  scope?: string;
}

/**
 * The live headline of the fleet or of the chosen country: power drawn now, power-weighted PUE and
 * renewable share, and the ledger's "in use" (GPUs busy and IT MW, measured), each tick from the stream
 * (no request). The same telemetry the ledger's in-use figure sums; committed (reserved) is not here.
 */
export function LiveKpis({ siteIds, scope }: LiveKpisProps) {
  const t = useT();
  const select = useCallback((s: LiveState) => fleetKpis(s.sites, siteIds), [siteIds]);
  // Observed only: the live feed alone fetches and writes the snapshot (live-selectors.ts).
  const kpis = useQuery({ ...liveQueries.snapshot(), enabled: false, select }).data;
  const none = t('live.kpis.none');
  const reporting = !!kpis && kpis.sitesReporting > 0;
  return (
    <dl className="totals live-kpis" aria-label={scope ? t('live.kpis.labelScoped', { scope }) : t('live.kpis.label')}>
      <div>
        <dt>{t('live.kpis.drawn')}</dt>
        <dd>{t.rich('live.kpis.drawnValue', { value: reporting ? formatMw(kpis.facilityPowerMw) : none, strong })}</dd>
      </div>
      <div>
        <dt>{t('live.kpis.pue')}</dt>
        <dd>{t.rich('live.kpis.pueValue', { value: kpis?.pue !== undefined ? formatPue(kpis.pue) : none, strong })}</dd>
      </div>
      <div>
        <dt>{t('live.kpis.renewable')}</dt>
        <dd>{t.rich('live.kpis.renewableValue', { value: kpis?.renewableShare !== undefined ? formatPercent(kpis.renewableShare) : none, strong })}</dd>
      </div>
      <div>
        <dt>{t('live.kpis.inUse')}</dt>
        <dd>
          {reporting && kpis.gpusReporting > 0
            ? t.rich('live.kpis.inUseValue', { gpus: formatGpus(kpis.gpusBusy), mw: formatMw(kpis.itPowerMw), strong })
            : t.rich('live.kpis.inUseNone', { none, strong })}
        </dd>
      </div>
    </dl>
  );
}
