import './alerts.css';
import { ALERT_SEVERITIES, ALERT_STATES, type Alert, type AlertFilter } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { zoneOfCountry } from '../../../lib/local-time.ts';
import { alertQueries } from '../api/alert-queries.ts';
import { isAlertFiltered } from '../model/alert-order.ts';
import type { PlaceNames } from '../model/alert-row.ts';
import type { PlaceLink } from '../model/place-link.ts';
import { AckDialog } from './ack-dialog.tsx';
import { AlertsTable } from './alerts-table.tsx';
import { SilenceDialog } from './silence-dialog.tsx';
import { SilencesList } from './silences-list.tsx';

export interface NamedOption {
  id: string;
  name: string;
  /** A site's country (ISO code), for its local time in the acknowledgement dialog. */
  country?: string;
}

export type { PlaceLink };

interface AlertsPageProps {
  /** The filters, from the URL (?view=alerts&astate=firing&asev=critical&asite=…&alink=…). */
  filter: AlertFilter;
  onFilterChange: (patch: Partial<AlertFilter>, options?: { replace?: boolean }) => void;
  /** Acknowledge and silence (operators); others read. */
  canOperate: boolean;
  names: PlaceNames;
  sites: readonly NamedOption[];
  links: readonly NamedOption[];
  /** Opens the alert's site or link on the map. */
  placeLink: (alert: Alert) => PlaceLink | undefined;
}

type Action = { kind: 'ack' | 'silence'; alert: Alert };

/**
 * The NOC's alert list: firing first, the most severe and newest on top, kept current by the stream.
 * Operators acknowledge (with a comment and ETA) and silence (for a duration, with a reason); every role
 * that reads the NOC sees who acknowledged, what is silenced or in maintenance, and whether it was notified.
 */
export function AlertsPage({ filter, onFilterChange, canOperate, names, sites, links, placeLink }: AlertsPageProps) {
  const t = useT();
  const list = useQuery(alertQueries.list(filter));
  const [action, setAction] = useState<Action>();
  const alerts = list.data?.alerts;
  const firing = alerts?.filter((a) => a.state === 'firing').length ?? 0;
  const placeOf = (alert: Alert) => (alert.siteId ? names.siteName(alert.siteId) : alert.linkId ? names.linkName(alert.linkId) : t('alerts.page.network'));
  const siteZone = (alert: Alert) => (alert.siteId ? zoneOfCountry(sites.find((s) => s.id === alert.siteId)?.country) : undefined);

  return (
    <main className="page alerts-page" aria-labelledby="alerts-title">
      <div className="page-head">
        <h2 id="alerts-title">{t('alerts.page.title')}</h2>
        <p className="muted" aria-live="polite">
          {alerts ? t('alerts.page.summary', { count: alerts.length, scope: isAlertFiltered(filter) ? 'matching' : 'recent', firing }) : ''}
        </p>
      </div>
      <AlertFilters filter={filter} onChange={onFilterChange} sites={sites} links={links} />
      {list.isPending && <p className="muted">{t('alerts.page.loading')}</p>}
      {list.isError && !alerts && (
        <div className="form-alert" role="alert">
          <p>{t('alerts.page.loadError', { error: list.error.message })}</p>
          <button type="button" className="link-button" onClick={() => void list.refetch()} disabled={list.isFetching}>
            {list.isFetching ? t('alerts.retrying') : t('alerts.retry')}
          </button>
        </div>
      )}
      {alerts && alerts.length === 0 && <p className="alerts-empty">{isAlertFiltered(filter) ? t('alerts.page.emptyFiltered') : t('alerts.page.empty')}</p>}
      {alerts && alerts.length > 0 && (
        <AlertsTable
          alerts={alerts}
          names={names}
          placeLink={placeLink}
          onAcknowledge={canOperate ? (alert) => setAction({ kind: 'ack', alert }) : undefined}
          onSilence={canOperate ? (alert) => setAction({ kind: 'silence', alert }) : undefined}
        />
      )}
      <SilencesList canOperate={canOperate} names={names} />
      {action?.kind === 'ack' && <AckDialog alert={action.alert} siteZone={siteZone(action.alert)} onClose={() => setAction(undefined)} />}
      {action?.kind === 'silence' && <SilenceDialog alert={action.alert} place={placeOf(action.alert)} onClose={() => setAction(undefined)} />}
    </main>
  );
}

interface FiltersProps {
  filter: AlertFilter;
  onChange: AlertsPageProps['onFilterChange'];
  sites: readonly NamedOption[];
  links: readonly NamedOption[];
}

function AlertFilters({ filter, onChange, sites, links }: FiltersProps) {
  const t = useT();
  return (
    <form className="alert-filters" aria-label={t('alerts.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('alerts.filters.state')}
        <select value={filter.state ?? ''} onChange={(e) => onChange({ state: (e.target.value || undefined) as AlertFilter['state'] })}>
          <option value="">{t('alerts.filters.stateAny')}</option>
          {ALERT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`alerts.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.filters.severity')}
        <select value={filter.severity ?? ''} onChange={(e) => onChange({ severity: (e.target.value || undefined) as AlertFilter['severity'] })}>
          <option value="">{t('alerts.filters.any')}</option>
          {ALERT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`alerts.severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.filters.site')}
        <select value={filter.site ?? ''} onChange={(e) => onChange({ site: e.target.value || undefined, link: undefined })}>
          <option value="">{t('alerts.filters.any')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.filters.link')}
        <select value={filter.link ?? ''} onChange={(e) => onChange({ link: e.target.value || undefined, site: undefined })}>
          <option value="">{t('alerts.filters.any')}</option>
          {links.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {isAlertFiltered(filter) && (
        <button type="button" className="link-button" onClick={() => onChange({ state: undefined, severity: undefined, site: undefined, link: undefined })}>
          {t('alerts.filters.clear')}
        </button>
      )}
    </form>
  );
}
