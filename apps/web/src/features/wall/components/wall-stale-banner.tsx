import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Across the top of the wall when the live stream has dropped or fallen silent: what is on screen may be
 * old. It goes by itself when data flows again (the live feed reconnects on its own).
 */
export function WallStaleBanner({ stale, message }: { stale: boolean; message: string }) {
  const t = useT();
  return (
    <div className="wall-stale-slot" role="status" aria-live="assertive">
      {stale && <p className="wall-stale">{t('wall.stale', { message })}</p>}
    </div>
  );
}
