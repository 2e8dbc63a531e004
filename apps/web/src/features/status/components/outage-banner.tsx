import type { Outage } from '../model/outage.ts';

/** A plain, persistent alert while the console cannot reach its network; gone once it recovers. */
export function OutageBanner({ outage }: { outage: Outage }) {
  if (outage.kind === 'none') return null;
  return (
    <div className="outage-banner" role="alert">
      <strong>{outage.message}</strong>
      {outage.detail && <span className="detail">{outage.detail}</span>}
    </div>
  );
}
