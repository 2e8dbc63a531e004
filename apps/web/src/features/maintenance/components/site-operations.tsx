import './maintenance.css';
import { SEVERITY_RANK, type MaintenanceWindow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type AnchorHTMLAttributes } from 'react';
import { SEVERITY_STYLES } from '../../../lib/alert-severity.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { formatSiteAndViewerTime, viewerZone } from '../../../lib/local-time.ts';
import { maintenanceQueries, useDeleteMaintenance } from '../api/maintenance-queries.ts';
import { gpusText } from '../model/plan-review.ts';
import { ConfirmDown } from './confirm-down.tsx';
import { ScheduleForm } from './schedule-form.tsx';

type Anchor = AnchorHTMLAttributes<HTMLAnchorElement>;

interface SiteOperationsProps {
  siteId: string;
  siteName: string;
  /** The site's IANA zone, when known before any window says it. */
  siteZone?: string;
  /** Alerts and maintenance windows (executive, operator, admin). */
  canReadNoc: boolean;
  /** Schedule maintenance and drain (operator). */
  canOperate: boolean;
  workloadLink: (id: string) => Anchor;
  /** The drain review of this site (a dry run first). */
  drainLink: Anchor;
  /** Who confirmed the site down, while that stands (operators may confirm or withdraw). */
  confirmedDownBy?: string;
}

/** What a NOC does with a site, in its panel: its firing alerts, its maintenance windows, the workloads on it, and (operators) Schedule maintenance and Drain. */
export function SiteOperations({ siteId, siteName, siteZone, canReadNoc, canOperate, workloadLink, drainLink, confirmedDownBy }: SiteOperationsProps) {
  const [scheduling, setScheduling] = useState(false);
  const t = useT();
  const scheduleButton = useRef<HTMLButtonElement>(null);
  // When the form closes (scheduled, cancelled or Escape), the keyboard goes back to the button that opened it.
  const refocusSchedule = useRef(false);
  useEffect(() => {
    if (scheduling || !refocusSchedule.current) return;
    refocusSchedule.current = false;
    scheduleButton.current?.focus();
  }, [scheduling]);
  const closeForm = () => {
    refocusSchedule.current = true;
    setScheduling(false);
  };
  return (
    <section className="site-ops" aria-label={t('maintenance.ops.region')}>
      {canReadNoc && <SiteAlerts siteId={siteId} siteZone={siteZone} />}
      {canReadNoc && <SiteWindows siteId={siteId} siteZone={siteZone} canOperate={canOperate} />}
      {canOperate && (
        <div className="ops-actions">
          <button ref={scheduleButton} type="button" className="ops-button" aria-expanded={scheduling} onClick={() => setScheduling((s) => !s)}>
            {t('maintenance.ops.schedule')}
          </button>
          <a className="ops-button" {...drainLink}>
            {t('maintenance.ops.drain')}
          </a>
        </div>
      )}
      {canOperate && <ConfirmDown siteId={siteId} siteName={siteName} confirmedBy={confirmedDownBy} />}
      {canOperate && scheduling && <ScheduleForm siteId={siteId} siteName={siteName} siteZone={siteZone} onDone={closeForm} />}
      <SiteWorkloads siteId={siteId} workloadLink={workloadLink} />
    </section>
  );
}

/** The site's firing alerts, each since when: in the site's time and the viewer's when the site's zone is known, else the viewer's, named. */
function SiteAlerts({ siteId, siteZone }: { siteId: string; siteZone?: string }) {
  const alerts = useQuery(maintenanceQueries.siteAlerts(siteId));
  const t = useT();
  const zone = viewerZone();
  // The alert rule's summary is the server's English: said so, for screen readers to pronounce it as English.
  const serverLang = t.locale === 'en' ? undefined : 'en';
  const firing = [...(alerts.data?.alerts ?? [])].filter((a) => a.state === 'firing').sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return (
    <div className="ops-block">
      <h3>{alerts.data ? t('maintenance.alerts.titleCount', { count: firing.length }) : t('maintenance.alerts.title')}</h3>
      {alerts.isPending && <p className="muted">{t('maintenance.alerts.loading')}</p>}
      {alerts.isError && !alerts.data && <p className="panel-state error">{t('maintenance.alerts.error', { error: alerts.error.message })}</p>}
      {alerts.data && firing.length === 0 && <p className="muted">{t('maintenance.alerts.none')}</p>}
      {firing.length > 0 && (
        <ul className="ops-list">
          {firing.map((a) => (
            <li key={a.id}>
              <span className={`severity severity-${a.severity}`}>{SEVERITY_STYLES[a.severity].label}</span> <bdi lang={serverLang}>{a.summary}</bdi>
              {t.rich('maintenance.alerts.meta', {
                when: siteZone ? formatSiteAndViewerTime(a.firingAt ?? a.startsAt, siteZone, zone) : t('maintenance.alerts.viewerTime', { time: formatDateTime(a.firingAt ?? a.startsAt), zone }),
                acknowledged: a.acknowledgement ? 'yes' : 'no',
                name: <bdi>{a.acknowledgement?.by}</bdi>,
                m: (chunks) => <span className="muted">{chunks}</span>,
                time: (chunks) => <time dateTime={a.firingAt ?? a.startsAt}>{chunks}</time>,
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The occurrence a window shows: the one in force now or next; the first for one not begun. */
const occurrenceOf = (w: MaintenanceWindow) => w.current ?? { startsAt: w.startsAt, endsAt: w.endsAt };

function SiteWindows({ siteId, siteZone, canOperate }: { siteId: string; siteZone?: string; canOperate: boolean }) {
  const windows = useQuery(maintenanceQueries.siteWindows(siteId));
  const remove = useDeleteMaintenance();
  const zone = viewerZone();
  const t = useT();
  const mine = (windows.data?.windows ?? []).filter((w) => w.siteId === siteId && (w.current || w.active));
  return (
    <div className="ops-block">
      <h3>{t('maintenance.windows.title')}</h3>
      {windows.isPending && <p className="muted">{t('maintenance.windows.loading')}</p>}
      {windows.isError && !windows.data && <p className="panel-state error">{t('maintenance.windows.error', { error: windows.error.message })}</p>}
      {windows.data && mine.length === 0 && <p className="muted">{t('maintenance.windows.none')}</p>}
      {mine.length > 0 && (
        <ul className="ops-list maintenance-windows">
          {mine.map((w) => {
            const o = occurrenceOf(w);
            const tz = w.timeZone || siteZone || 'UTC';
            return (
              <li key={w.id} className={w.active ? 'is-active' : undefined}>
                <p>
                  {t.rich('maintenance.windows.summary', {
                    state: w.active ? 'active' : 'scheduled',
                    weekly: w.recurrence === 'weekly' ? 'true' : 'false',
                    reason: w.reason,
                    name: <bdi>{w.createdBy}</bdi>,
                    b: (chunks) => <strong>{chunks}</strong>,
                    m: (chunks) => <span className="muted">{chunks}</span>,
                  })}
                </p>
                <p className="window-time">{t('maintenance.windows.from', { time: formatSiteAndViewerTime(o.startsAt, tz, zone) })}</p>
                <p className="window-time">{t('maintenance.windows.until', { time: formatSiteAndViewerTime(o.endsAt, tz, zone) })}</p>
                {canOperate && (
                  <button type="button" className="link-button" onClick={() => remove.mutate(w.id)} disabled={remove.isPending}>
                    {w.active ? t('maintenance.windows.end') : t('maintenance.windows.cancel')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {remove.isError && (
        <p className="form-alert" role="alert">
          {t('maintenance.windows.removeError', { error: remove.error.message })}
        </p>
      )}
    </div>
  );
}

function SiteWorkloads({ siteId, workloadLink }: { siteId: string; workloadLink: (id: string) => Anchor }) {
  const list = useQuery(maintenanceQueries.siteWorkloads(siteId));
  const t = useT();
  const here = (list.data?.workloads ?? []).filter((w) => w.siteId === siteId && w.state !== 'released');
  return (
    <div className="ops-block">
      <h3>{list.data ? t('maintenance.workloads.titleCount', { count: here.length }) : t('maintenance.workloads.title')}</h3>
      {list.isPending && <p className="muted">{t('maintenance.workloads.loading')}</p>}
      {list.isError && !list.data && <p className="panel-state error">{t('maintenance.workloads.error', { error: list.error.message })}</p>}
      {list.data && here.length === 0 && <p className="muted">{t('maintenance.workloads.none')}</p>}
      {here.length > 0 && (
        <ul className="ops-list">
          {here.map((w) => (
            <li key={w.id}>
              <a {...workloadLink(w.id)}>{w.name}</a> <span className="muted">{t('maintenance.workloads.meta', { tenant: w.tenant, gpus: gpusText(w.gpuCount, w.gpuModel), state: w.state })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
