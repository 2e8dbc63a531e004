import './live.css';
import { formatCount, formatMw, formatPercent, formatPue } from '../../../lib/format.ts';
import { useLiveKpis } from '../api/live-selectors.ts';

const NONE = '—';

/** The fleet's live headline: power drawn now, power-weighted PUE and renewable share, GPUs busy. */
export function LiveKpis() {
  const kpis = useLiveKpis();
  const reporting = !!kpis && kpis.sitesReporting > 0;
  return (
    <dl className="totals live-kpis" aria-label="Live fleet figures">
      <div>
        <dt>Drawn now</dt>
        <dd>
          <strong>{reporting ? formatMw(kpis.facilityPowerMw) : NONE}</strong> facility
        </dd>
      </div>
      <div>
        <dt>PUE (interim)</dt>
        <dd>
          <strong>{kpis?.pue !== undefined ? formatPue(kpis.pue) : NONE}</strong> power-weighted
        </dd>
      </div>
      <div>
        <dt>Renewable share</dt>
        <dd>
          <strong>{kpis?.renewableShare !== undefined ? formatPercent(kpis.renewableShare) : NONE}</strong> of power
        </dd>
      </div>
      <div>
        <dt>GPUs busy</dt>
        <dd>
          <strong>{reporting ? formatCount(kpis.gpusBusy) : NONE}</strong>
          {reporting && kpis.gpusInService > 0 ? ` of ${formatCount(kpis.gpusInService)} in service` : ''}
        </dd>
      </div>
    </dl>
  );
}
