import './alerts.css';
import { ALERT_SEVERITIES } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { translate } from '../../../lib/i18n/runtime.ts';
import { alertQueries, FIRING } from '../api/alert-queries.ts';
import { countFiring, firingCriticalIds, newCriticalIds, tabTitle, type AlertCounts } from '../model/alert-counts.ts';
import { beep, readSoundPreference, writeSoundPreference } from '../model/beep.ts';
import type { PlaceLink } from '../model/place-link.ts';
import { SeverityChip } from './severity-chip.tsx';

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/** The badge's words, for its accessible name and its tooltip-free reading: "2 firing: 1 critical, 1 major; 2 unacknowledged". */
export function describeCounts(counts: AlertCounts): string {
  if (counts.firing === 0) return translate('alerts.badge.none');
  const parts = ALERT_SEVERITIES.filter((s) => counts.bySeverity[s] > 0).map((s) => translate('alerts.badge.count', { count: counts.bySeverity[s], severity: s }));
  return translate('alerts.badge.describe', { firing: counts.firing, parts: parts.join(translate('alerts.listSeparator')), unacknowledged: counts.unacknowledged });
}

interface AlertBadgeProps {
  /** The alerts view, firing alerts shown. */
  alertsLink: PlaceLink;
  /** The page's title without alerts ("Corridor"). */
  baseTitle: string;
}

/**
 * The header's alert badge: firing alerts by severity and how many nobody acknowledged, the tab's title
 * ("(2) Corridor") so a NOC sees it from another tab, and an opt-in beep when a new critical fires.
 */
export function AlertBadge({ alertsLink, baseTitle }: AlertBadgeProps) {
  const t = useT();
  const firing = useQuery(alertQueries.list(FIRING));
  const alerts = firing.data?.alerts;
  const counts = countFiring(alerts ?? []);
  const [soundOn, setSoundOn] = useState(() => readSoundPreference(storage()));

  const title = tabTitle(counts, baseTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => () => void (document.title = baseTitle), [baseTitle]);

  // The criticals already seen: those firing when the console opened are not "new".
  const seenCriticals = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    if (!alerts) return;
    const fresh = newCriticalIds(seenCriticals.current, alerts);
    seenCriticals.current = new Set([...(seenCriticals.current ?? []), ...firingCriticalIds(alerts)]);
    if (fresh.length > 0 && soundOn) beep();
  }, [alerts, soundOn]);

  const toggleSound = () => {
    const next = !soundOn;
    setSoundOn(next);
    writeSoundPreference(storage(), next);
    if (next) beep(); // Heard now, so the person knows what it sounds like (and the browser allows audio from now on).
  };

  const words = firing.isError && !alerts ? t('alerts.badge.unavailableWords') : alerts ? describeCounts(counts) : t('alerts.badge.loadingWords');
  // What the badge shows, in words: its accessible name contains exactly that (WCAG 2.5.3, label in name: a
  // speech-input user says what they see), and the full sentence is its description.
  const shown =
    counts.firing === 0
      ? [alerts ? t('alerts.badge.zeroFiring') : firing.isError ? t('alerts.badge.unavailable') : t('alerts.badge.loading')]
      : [
          ...ALERT_SEVERITIES.filter((s) => counts.bySeverity[s] > 0).map((s) => t('alerts.badge.chip', { count: counts.bySeverity[s], severity: t(`alerts.severity.${s}`) })),
          ...(counts.unacknowledged > 0 ? [t('alerts.badge.unacked', { count: counts.unacknowledged })] : []),
        ];
  const descriptionId = useId();
  const name = t('alerts.badge.label', { words: new Intl.ListFormat(t.tag, { style: 'short', type: 'unit' }).format(shown) });
  return (
    <div className="alert-badge">
      {/* Named by its content, not an aria-label: a hidden line says what the chips show, with the separators the
          chips draw with space (WCAG 2.5.3, label in name); the full sentence is the link's description. */}
      <a {...alertsLink} aria-describedby={descriptionId} data-firing={counts.firing} data-unacknowledged={counts.unacknowledged}>
        <span className="visually-hidden">{name}</span>
        <span aria-hidden="true">{t('alerts.badge.title')}</span>
        {counts.firing === 0 ? (
          <span aria-hidden="true" className="muted">
            {shown[0]}
          </span>
        ) : (
          ALERT_SEVERITIES.filter((s) => counts.bySeverity[s] > 0).map((s) => (
            <span key={s} aria-hidden="true">
              <SeverityChip severity={s} text={t('alerts.badge.chip', { count: counts.bySeverity[s], severity: t(`alerts.severity.${s}`) })} />
            </span>
          ))
        )}
        {counts.unacknowledged > 0 && (
          <span aria-hidden="true" className="unacked">
            {t('alerts.badge.unacked', { count: counts.unacknowledged })}
          </span>
        )}
      </a>
      <span id={descriptionId} className="visually-hidden">
        {words}
      </span>
      <button type="button" className="sound-toggle" aria-pressed={soundOn} onClick={toggleSound} title={t('alerts.badge.beepLabel')}>
        {soundOn ? t('alerts.badge.beepOn') : t('alerts.badge.beepOff')}
      </button>
    </div>
  );
}
