/*
 * The message keys, typed from the English catalogues: `t('alerts.ack.title')` is checked by the compiler,
 * and the catalogue test checks that French and Arabic have every English key (and no other).
 * A catalogue file is a namespace: one per feature, plus `common`, `app` and `errors`. A new namespace
 * is a JSON file in each language's folder and a line here.
 */
import type commonEn from './messages/en/common.json';
import type appEn from './messages/en/app.json';
import type sessionEn from './messages/en/session.json';
import type adminEn from './messages/en/admin.json';
import type alertsEn from './messages/en/alerts.json';
import type fleetEn from './messages/en/fleet.json';
import type linksEn from './messages/en/links.json';
import type liveEn from './messages/en/live.json';
import type maintenanceEn from './messages/en/maintenance.json';
import type mapEn from './messages/en/map.json';
import type placementEn from './messages/en/placement.json';
import type sitesEn from './messages/en/sites.json';
import type statusEn from './messages/en/status.json';
import type timelineEn from './messages/en/timeline.json';
import type wallEn from './messages/en/wall.json';
import type workloadsEn from './messages/en/workloads.json';
import type errorsEn from './messages/en/errors.json';
import type capacityEn from './messages/en/capacity.json';
import type batchEn from './messages/en/batch.json';

interface Catalogues {
  common: typeof commonEn;
  app: typeof appEn;
  session: typeof sessionEn;
  admin: typeof adminEn;
  alerts: typeof alertsEn;
  fleet: typeof fleetEn;
  links: typeof linksEn;
  live: typeof liveEn;
  maintenance: typeof maintenanceEn;
  map: typeof mapEn;
  placement: typeof placementEn;
  sites: typeof sitesEn;
  status: typeof statusEn;
  timeline: typeof timelineEn;
  wall: typeof wallEn;
  workloads: typeof workloadsEn;
  errors: typeof errorsEn;
  capacity: typeof capacityEn;
  batch: typeof batchEn;
}

export type Namespace = keyof Catalogues;
export const NAMESPACES: readonly Namespace[] = [
  'common',
  'app',
  'session',
  'admin',
  'alerts',
  'fleet',
  'links',
  'live',
  'maintenance',
  'map',
  'placement',
  'sites',
  'status',
  'timeline',
  'wall',
  'workloads',
  'errors',
  'capacity',
  'batch',
];

/** Every message's key: `<namespace>.<key in that file>`. */
export type MessageKey = { [N in Namespace]: `${N}.${Extract<keyof Catalogues[N], string>}` }[Namespace];
