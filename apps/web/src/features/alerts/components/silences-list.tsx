import { SEVERITY_STYLES } from '../../../lib/alert-severity.ts';
import type { Silence } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { alertQueries } from '../api/alert-queries.ts';
import { useExpireSilence } from '../api/use-alert-actions.ts';
import { formatDuration } from '../model/alert-age.ts';
import type { PlaceNames } from '../model/alert-row.ts';

/** "rule cable-cut · link Medusa: Nador – Marseille", what a silence matches in words. */
export function describeMatchers(silence: Silence, names: PlaceNames): string {
  const m = silence.matchers;
  const parts: string[] = [];
  if (m.ruleId) parts.push(`rule ${m.ruleId}`);
  if (m.siteId) parts.push(`site ${names.siteName(m.siteId)}`);
  if (m.linkId) parts.push(`link ${names.linkName(m.linkId)}`);
  if (m.severity) parts.push(`${SEVERITY_STYLES[m.severity].label.toLowerCase()} alerts`);
  return parts.join(' · ');
}

/** "ends in 52 min (15:04)", "ended 3 min ago", "starts in 10 min". */
function describeSpan(silence: Silence, nowMs: number): string {
  const ends = Date.parse(silence.expiredAt ?? silence.endsAt);
  if (silence.state === 'expired') return `ended ${formatDuration(nowMs - ends)} ago${silence.expiredAt ? ' (ended early)' : ''}`;
  if (silence.state === 'pending') return `starts in ${formatDuration(Date.parse(silence.startsAt) - nowMs)}, until ${formatDateTime(silence.endsAt)}`;
  return `ends in ${formatDuration(ends - nowMs)} (${formatDateTime(silence.endsAt)})`;
}

/** The silences in force, coming, and recently over: what they match, who set them and why, and (operators) End now. */
export function SilencesList({ canOperate, names }: { canOperate: boolean; names: PlaceNames }) {
  const silences = useQuery(alertQueries.silences());
  const expire = useExpireSilence();
  const now = useNow(15_000);
  const list = silences.data?.silences;
  return (
    <section className="page-section silences" aria-labelledby="silences-title">
      <h3 id="silences-title">Silences</h3>
      {silences.isPending && <p className="muted">Loading silences…</p>}
      {silences.isError && !list && (
        <div className="form-alert" role="alert">
          <p>The silences could not be loaded: {silences.error.message}</p>
          <button type="button" className="link-button" onClick={() => void silences.refetch()}>
            Retry
          </button>
        </div>
      )}
      {list && list.length === 0 && <p className="muted">No silences.</p>}
      {expire.isError && (
        <p className="form-alert" role="alert">
          The silence could not be ended: {expire.error.message}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="silence-list">
          {list.map((s) => (
            <li key={s.id} className={`silence is-${s.state}`}>
              <span className="silence-state">{s.state === 'active' ? 'Active' : s.state === 'pending' ? 'Coming' : 'Over'}</span>
              <span className="silence-what">{describeMatchers(s, names)}</span>
              <span className="silence-span">{describeSpan(s, now)}</span>
              <span className="silence-why">
                by {s.createdBy}: {s.comment}
              </span>
              {canOperate && s.state !== 'expired' && (
                <button
                  type="button"
                  className="alert-action"
                  disabled={expire.isPending && expire.variables === s.id}
                  onClick={() => expire.mutate(s.id)}
                  aria-label={`End now: silence of ${describeMatchers(s, names)}`}
                >
                  End now
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
