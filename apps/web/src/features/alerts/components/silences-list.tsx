import type { Silence } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { translate } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { alertQueries } from '../api/alert-queries.ts';
import { useExpireSilence } from '../api/use-alert-actions.ts';
import { formatDuration } from '../model/alert-age.ts';
import type { PlaceNames } from '../model/alert-row.ts';

/** "rule cable-cut · link Medusa: Nador – Marseille", what a silence matches in words. */
export function describeMatchers(silence: Silence, names: PlaceNames): string {
  const m = silence.matchers;
  const parts: string[] = [];
  if (m.ruleId) parts.push(translate('alerts.matcher.rule', { rule: m.ruleId }));
  if (m.siteId) parts.push(translate('alerts.matcher.site', { site: names.siteName(m.siteId) }));
  if (m.linkId) parts.push(translate('alerts.matcher.link', { link: names.linkName(m.linkId) }));
  if (m.severity) parts.push(translate('alerts.matcher.severity', { severity: m.severity }));
  return parts.join(translate('alerts.matcher.separator'));
}

/** "ends in 52 min (15:04)", "ended 3 min ago", "starts in 10 min". */
function describeSpan(silence: Silence, nowMs: number): string {
  const ends = Date.parse(silence.expiredAt ?? silence.endsAt);
  if (silence.state === 'expired') return translate(silence.expiredAt ? 'alerts.span.endedEarly' : 'alerts.span.ended', { duration: formatDuration(nowMs - ends) });
  if (silence.state === 'pending') return translate('alerts.span.starts', { duration: formatDuration(Date.parse(silence.startsAt) - nowMs), until: formatDateTime(silence.endsAt) });
  return translate('alerts.span.ends', { duration: formatDuration(ends - nowMs), until: formatDateTime(silence.endsAt) });
}

/** The silences in force, coming, and recently over: what they match, who set them and why, and (operators) End now. */
export function SilencesList({ canOperate, names }: { canOperate: boolean; names: PlaceNames }) {
  const t = useT();
  const silences = useQuery(alertQueries.silences());
  const expire = useExpireSilence();
  const now = useNow(15_000);
  const list = silences.data?.silences;
  return (
    <section className="page-section silences" aria-labelledby="silences-title">
      <h3 id="silences-title">{t('alerts.silences.title')}</h3>
      {list && list.length > 0 && <p className="muted silences-zone">{t('alerts.silences.zone', { zone: viewerZone() })}</p>}
      {silences.isPending && <p className="muted">{t('alerts.silences.loading')}</p>}
      {silences.isError && !list && (
        <div className="form-alert" role="alert">
          <p>{t('alerts.silences.loadError', { error: silences.error.message })}</p>
          <button type="button" className="link-button" onClick={() => void silences.refetch()}>
            {t('alerts.retry')}
          </button>
        </div>
      )}
      {list && list.length === 0 && <p className="muted">{t('alerts.silences.empty')}</p>}
      {expire.isError && (
        <p className="form-alert" role="alert">
          {t('alerts.silences.expireError', { error: expire.error.message })}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="silence-list">
          {list.map((s) => (
            <li key={s.id} className={`silence is-${s.state}`}>
              <span className="silence-state">{t(`alerts.silences.state.${s.state}`)}</span>
              <span className="silence-what">{describeMatchers(s, names)}</span>
              <span className="silence-span">{describeSpan(s, now)}</span>
              <span className="silence-why">{t.rich('alerts.silences.by', { by: <bdi key="by">{s.createdBy}</bdi>, comment: s.comment })}</span>
              {canOperate && s.state !== 'expired' && (
                <button
                  type="button"
                  className="alert-action"
                  disabled={expire.isPending && expire.variables === s.id}
                  onClick={() => expire.mutate(s.id)}
                  aria-label={t('alerts.silences.endNowLabel', { what: describeMatchers(s, names) })}
                >
                  {t('alerts.silences.endNow')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
