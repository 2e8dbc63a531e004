import type { Alert } from '@corridor/shared';
import { SEVERITY_STYLES } from '../../../lib/alert-severity.ts';
import { formatClock } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { alertRowView, type PlaceNames } from '../model/alert-row.ts';
import type { PlaceLink } from '../model/place-link.ts';

interface AlertsTableProps {
  alerts: readonly Alert[];
  names: PlaceNames;
  placeLink: (alert: Alert) => PlaceLink | undefined;
  /** Absent for a role that only reads: no action buttons. */
  onAcknowledge?: (alert: Alert) => void;
  onSilence?: (alert: Alert) => void;
}

/** The alerts as rows: each focusable (Tab walks them), its actions real buttons, its age ticking every second. */
export function AlertsTable({ alerts, names, placeLink, onAcknowledge, onSilence }: AlertsTableProps) {
  const now = useNow(1000);
  const actions = onAcknowledge !== undefined || onSilence !== undefined;
  return (
    <table className="alerts-table">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Alert</th>
          <th scope="col">Where</th>
          <th scope="col">Since</th>
          <th scope="col">Acknowledged</th>
          <th scope="col">Notification</th>
          {actions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const row = alertRowView(alert, now, names, formatClock);
          const style = SEVERITY_STYLES[alert.severity];
          const link = placeLink(alert);
          return (
            <tr key={alert.id} tabIndex={0} data-alert-id={alert.id} className={`alert-row is-${alert.state}`} aria-label={`${style.label}: ${row.summary}, ${row.place}, ${row.age}`}>
              <td>
                <span className="severity-chip" style={{ background: style.colour, color: style.ink }}>
                  {style.label}
                </span>
              </td>
              <th scope="row" className="alert-summary">
                {row.summary}
                {/* The summary usually states the value already; said again only when it does not. */}
                {row.value && !row.summary.includes(row.value) && <span className="alert-value"> · value {row.value}</span>}
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
              <td>{link ? <a {...link}>{row.place}</a> : row.place}</td>
              <td className="alert-age">{row.age}</td>
              <td className="alert-ack">{row.acknowledgement ?? (alert.state === 'resolved' ? '—' : <span className="muted">Not acknowledged</span>)}</td>
              <td className={`alert-notification is-${alert.notification.state}`}>{row.notification}</td>
              {actions && (
                <td className="alert-actions">
                  {alert.state !== 'resolved' && onAcknowledge && !alert.acknowledgement && (
                    <button type="button" className="alert-action" onClick={() => onAcknowledge(alert)} aria-label={`Acknowledge: ${row.summary}`}>
                      Acknowledge
                    </button>
                  )}
                  {alert.state !== 'resolved' && onSilence && (
                    <button type="button" className="alert-action" onClick={() => onSilence(alert)} aria-label={`Silence: ${row.summary}`}>
                      Silence
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
