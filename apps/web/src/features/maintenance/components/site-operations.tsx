import './maintenance.css';
import { SEVERITY_RANK, type MaintenanceWindow } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type AnchorHTMLAttributes } from 'react';
import { formatCount, formatDateTime, formatGpus } from '../../../lib/format.ts';
import { formatSiteAndViewerTime, viewerZone } from '../../../lib/local-time.ts';
import { maintenanceQueries, useDeleteMaintenance } from '../api/maintenance-queries.ts';
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
}

/** What a NOC does with a site, in its panel: its firing alerts, its maintenance windows, the workloads on it, and (operators) Schedule maintenance and Drain. */
export function SiteOperations({ siteId, siteName, siteZone, canReadNoc, canOperate, workloadLink, drainLink }: SiteOperationsProps) {
  const [scheduling, setScheduling] = useState(false);
  return (
    <section className="site-ops" aria-label="Operations">
      {canReadNoc && <SiteAlerts siteId={siteId} />}
      {canReadNoc && <SiteWindows siteId={siteId} siteZone={siteZone} canOperate={canOperate} />}
      {canOperate && (
        <div className="ops-actions">
          <button type="button" className="ops-button" aria-expanded={scheduling} onClick={() => setScheduling((s) => !s)}>
            Schedule maintenance
          </button>
          <a className="ops-button" {...drainLink}>
            Drain…
          </a>
        </div>
      )}
      {canOperate && scheduling && <ScheduleForm siteId={siteId} siteName={siteName} siteZone={siteZone} onDone={() => setScheduling(false)} />}
      <SiteWorkloads siteId={siteId} workloadLink={workloadLink} />
    </section>
  );
}

function SiteAlerts({ siteId }: { siteId: string }) {
  const alerts = useQuery(maintenanceQueries.siteAlerts(siteId));
  const firing = [...(alerts.data?.alerts ?? [])].filter((a) => a.state === 'firing').sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return (
    <div className="ops-block">
      <h3>Firing alerts{alerts.data ? ` (${formatCount(firing.length)})` : ''}</h3>
      {alerts.isPending && <p className="muted">Loading alerts…</p>}
      {alerts.isError && !alerts.data && <p className="panel-state error">Alerts could not be loaded: {alerts.error.message}</p>}
      {alerts.data && firing.length === 0 && <p className="muted">None firing.</p>}
      {firing.length > 0 && (
        <ul className="ops-list">
          {firing.map((a) => (
            <li key={a.id}>
              <span className={`severity severity-${a.severity}`}>{a.severity}</span> {a.summary}
              <span className="muted">
                {' '}
                · since <time dateTime={a.firingAt ?? a.startsAt}>{formatDateTime(a.firingAt ?? a.startsAt)}</time>
                {a.acknowledgement && ` · acknowledged by ${a.acknowledgement.by}`}
              </span>
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
  const mine = (windows.data?.windows ?? []).filter((w) => w.siteId === siteId && (w.current || w.active));
  return (
    <div className="ops-block">
      <h3>Maintenance</h3>
      {windows.isPending && <p className="muted">Loading maintenance windows…</p>}
      {windows.isError && !windows.data && <p className="panel-state error">Maintenance windows could not be loaded: {windows.error.message}</p>}
      {windows.data && mine.length === 0 && <p className="muted">No maintenance scheduled.</p>}
      {mine.length > 0 && (
        <ul className="ops-list maintenance-windows">
          {mine.map((w) => {
            const o = occurrenceOf(w);
            const tz = w.timeZone || siteZone || 'UTC';
            return (
              <li key={w.id} className={w.active ? 'is-active' : undefined}>
                <p>
                  <strong>{w.active ? 'In maintenance now' : 'Scheduled'}</strong>
                  {w.recurrence === 'weekly' && <span className="muted"> · every week</span>} · {w.reason} <span className="muted">· by {w.createdBy}</span>
                </p>
                <p className="window-time">From {formatSiteAndViewerTime(o.startsAt, tz, zone)}</p>
                <p className="window-time">Until {formatSiteAndViewerTime(o.endsAt, tz, zone)}</p>
                {canOperate && (
                  <button type="button" className="link-button" onClick={() => remove.mutate(w.id)} disabled={remove.isPending}>
                    {w.active ? 'End now' : 'Cancel window'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {remove.isError && (
        <p className="form-alert" role="alert">
          The window could not be removed: {remove.error.message}
        </p>
      )}
    </div>
  );
}

function SiteWorkloads({ siteId, workloadLink }: { siteId: string; workloadLink: (id: string) => Anchor }) {
  const list = useQuery(maintenanceQueries.siteWorkloads(siteId));
  const here = (list.data?.workloads ?? []).filter((w) => w.siteId === siteId && w.state !== 'released');
  return (
    <div className="ops-block">
      <h3>Workloads here{list.data ? ` (${formatCount(here.length)})` : ''}</h3>
      {list.isPending && <p className="muted">Loading workloads…</p>}
      {list.isError && !list.data && <p className="panel-state error">Workloads could not be loaded: {list.error.message}</p>}
      {list.data && here.length === 0 && <p className="muted">No workload runs here.</p>}
      {here.length > 0 && (
        <ul className="ops-list">
          {here.map((w) => (
            <li key={w.id}>
              <a {...workloadLink(w.id)}>{w.name}</a>{' '}
              <span className="muted">
                · {w.tenant} · {w.gpuModel ? `${formatCount(w.gpuCount)} × ${w.gpuModel}` : formatGpus(w.gpuCount)} · {w.state}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
