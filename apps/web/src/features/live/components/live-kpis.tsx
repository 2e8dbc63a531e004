import './live.css';
import type { ReactNode } from 'react';
import { formatCount, formatMw, formatPercent, formatPue } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useLiveKpis } from '../api/live-selectors.ts';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** The fleet's live headline: power drawn now, power-weighted PUE and renewable share, GPUs busy. */
export function LiveKpis() {
  const t = useT();
  const kpis = useLiveKpis();
  const none = t('live.kpis.none');
  const reporting = !!kpis && kpis.sitesReporting > 0;
  return (
    <dl className="totals live-kpis" aria-label={t('live.kpis.label')}>
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
        <dt>{t('live.kpis.gpusBusy')}</dt>
        <dd>
          {reporting && kpis.gpusInService > 0
            ? t.rich('live.kpis.gpusBusyOf', { busy: formatCount(kpis.gpusBusy), total: formatCount(kpis.gpusInService), strong })
            : t.rich('live.kpis.gpusBusyValue', { busy: reporting ? formatCount(kpis.gpusBusy) : none, strong })}
        </dd>
      </div>
    </dl>
  );
}
