import type { Alert } from '@corridor/shared';
import type { KeyboardEvent, MouseEvent } from 'react';
import { formatClock } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { alertRowView, type PlaceNames } from '../model/alert-row.ts';
import type { PlaceLink } from '../model/place-link.ts';
import { SeverityChip } from './severity-chip.tsx';

interface AlertsTableProps {
  alerts: readonly Alert[];
  names: PlaceNames;
  placeLink: (alert: Alert) => PlaceLink | undefined;
  /** Absent for a role that only reads: no action buttons. */
  onAcknowledge?: (alert: Alert) => void;
  onSilence?: (alert: Alert) => void;
}

/** Clicks on the row's own controls do what those controls do, not what the row does. */
const CONTROLS = 'a, button, input, select, textarea, label';

/**
 * A row opens its alert's place (the site's or the link's panel on the map), by a click anywhere on it
 * or by Enter while it has the focus (the NOC's next-alert shortcut moves that focus from row to row):
 * the place's own link is followed, so both open exactly what a click on that link opens.
 */
function openPlaceOf(row: HTMLTableRowElement) {
  row.querySelector<HTMLAnchorElement>('a[data-alert-place]')?.click();
}

function onRowClick(event: MouseEvent<HTMLTableRowElement>) {
  if (event.target instanceof Element && event.target.closest(CONTROLS)) return;
  // A drag that selected text (to copy an alert's words) is no request to leave the list.
  if (window.getSelection()?.toString()) return;
  openPlaceOf(event.currentTarget);
}

function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>) {
  if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
  event.preventDefault();
  openPlaceOf(event.currentTarget);
}

/** The alerts as rows: each focusable (Tab walks them), its actions real buttons, its age ticking every second. */
export function AlertsTable({ alerts, names, placeLink, onAcknowledge, onSilence }: AlertsTableProps) {
  const t = useT();
  const now = useNow(1000);
  const actions = onAcknowledge !== undefined || onSilence !== undefined;
  return (
    <table className="alerts-table" aria-label={t('alerts.table.label')}>
      <caption className="alerts-caption">{t('alerts.table.zone', { zone: viewerZone() })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('alerts.col.severity')}</th>
          <th scope="col">{t('alerts.col.alert')}</th>
          <th scope="col">{t('alerts.col.where')}</th>
          <th scope="col">{t('alerts.col.since')}</th>
          <th scope="col">{t('alerts.col.acknowledged')}</th>
          <th scope="col">{t('alerts.col.notification')}</th>
          {actions && <th scope="col">{t('alerts.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const row = alertRowView(alert, now, names, formatClock);
          const severity = t(`alerts.severity.${alert.severity}`);
          const link = placeLink(alert);
          return (
            <tr
              key={alert.id}
              tabIndex={0}
              data-alert-row=""
              data-alert-id={alert.id}
              className={`alert-row is-${alert.state}${link ? ' has-place' : ''}`}
              aria-label={t('alerts.row.label', { severity, summary: row.summary, place: row.place, age: row.age })}
              onClick={onRowClick}
              onKeyDown={onRowKeyDown}
            >
              <td>
                <SeverityChip severity={alert.severity} text={severity} />
              </td>
              <th scope="row" className="alert-summary">
                {/* The summary usually states the value already; said again only when it does not. */}
                {row.value && !row.summary.includes(row.value) ? (
                  t.rich('alerts.row.summaryWithValue', { summary: <bdi key="summary">{row.summary}</bdi>, value: row.value, v: (chunks) => <span className="alert-value">{chunks}</span> })
                ) : (
                  <bdi>{row.summary}</bdi>
                )}
                {row.marks.length > 0 && (
                  <span className="alert-marks">
                    {row.marks.map((m) => (
                      <span key={m} className="alert-mark">
                        {m}
                      </span>
                    ))}
                  </span>
                )}
              </th>
              <td>
                {link ? (
                  <a {...link} data-alert-place="">
                    <bdi>{row.place}</bdi>
                  </a>
                ) : (
                  <bdi>{row.place}</bdi>
                )}
              </td>
              <td className="alert-age">{row.age}</td>
              <td className="alert-ack">{row.acknowledgement ?? (alert.state === 'resolved' ? t('alerts.none') : <span className="muted">{t('alerts.row.notAcknowledged')}</span>)}</td>
              <td className={`alert-notification is-${alert.notification.state}`}>{row.notification}</td>
              {actions && (
                <td className="alert-actions">
                  {alert.state !== 'resolved' && onAcknowledge && !alert.acknowledgement && (
                    <button type="button" className="alert-action" onClick={() => onAcknowledge(alert)} aria-label={t('alerts.action.acknowledgeLabel', { summary: row.summary })}>
                      {t('alerts.action.acknowledge')}
                    </button>
                  )}
                  {alert.state !== 'resolved' && onSilence && (
                    <button type="button" className="alert-action" onClick={() => onSilence(alert)} aria-label={t('alerts.action.silenceLabel', { summary: row.summary })}>
                      {t('alerts.action.silence')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
