import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@corridor/http-kit';
import { createApp } from './app.ts';
import { loadAlertRules } from './alerts/alert-rules.ts';
import { AlertService } from './alerts/alert-service.ts';
import { EvaluatingPublisher } from './alerts/evaluating-publisher.ts';
import { AuditAnchors } from './audit/audit-anchors.ts';
import { auditKeyring, loadAuditKey, withAuditKeys } from './audit/audit-keys.ts';
import { recordAuditKey, recordPolicyLoad } from './audit/audit-log.ts';
import { AuditService } from './audit/audit-service.ts';
import { DEFAULT_ALERTS_DIR, type ControlPlaneConfig } from './config.ts';
import { EventBus } from './events/event-bus.ts';
import { LiveState } from './events/live-state.ts';
import { ConfirmDownService } from './confirm-down/confirm-down-service.ts';
import { loadFleetFile } from './fleet/fleet-file.ts';
import { AlertNotifier } from './notify/alert-notifier.ts';
import { FleetService } from './fleet/fleet-service.ts';
import { syncFleet } from './fleet/fleet-store.ts';
import { loadPolicyPack } from './placement/policy-pack.ts';
import { PolicyInForce } from './policy/policy-in-force.ts';
import { PolicyService } from './policy/policy-service.ts';
import { Supervisor } from './placement/supervisor.ts';
import { DrainService } from './drain/drain-service.ts';
import { MaintenanceService } from './maintenance/maintenance-service.ts';
import { WorkloadService } from './placement/workload-service.ts';
import { runningGpusBySite } from './placement/workload-store.ts';
import { Simulator } from './simulator/simulator.ts';
import { openDb, type Db } from '@corridor/store';
import { migrate } from './store/migrate.ts';
import { SeriesService } from './telemetry/series-service.ts';
import { TelemetryIngest } from './telemetry/telemetry-ingest.ts';
import { createTelemetryStore } from './telemetry/telemetry-store-sql.ts';
import { TimelineService } from './timeline/timeline-service.ts';

export interface RunningControlPlane {
  url: string;
  db: Db;
  simulator?: Simulator;
  /** The workload lifecycle; tests step it to see placed workloads start or leave a site that is down. */
  supervisor: Supervisor;
  /** Alert evaluation and lifecycle (tests flush it to see a batch's alerts). */
  alerts: AlertService;
  /** The NOC's timeline: tests record on it and read it back. */
  timeline: TimelineService;
  /** Appends the audit chain's head to the anchor file now (the timer does every CORRIDOR_AUDIT_ANCHOR_SECONDS). */
  anchorAudit(): Promise<void>;
  /** Reads the policy folder again (SIGHUP, POST /v1/policy/reload): a valid new version is put in force and the workloads re-checked. */
  reloadPolicy(actor?: string): ReturnType<PolicyService['reload']>;
  /** Every /v1 route as `METHOD /path`, from the routers (the role × route test calls each). */
  routes: readonly string[];
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;
const AUDIT_ANCHOR_MS = 60_000;
/** The alert clock: no data, silences that end, escalations, maintenance. */
const ALERT_TICK_MS = 1000;
/** How often sites are checked for stopped telemetry (no-data). */
const SILENCE_CHECK_MS = 1000;
/** Lifecycle step interval when no simulator ticks (with one, each tick steps it). */
const LIFECYCLE_STEP_MS = 5000;

/**
 * Opens the store, migrates it, seeds the fleet, loads the policy pack, starts the simulator and the
 * workload lifecycle, and listens. Used by server.ts and tests.
 */
export async function startControlPlane(config: ControlPlaneConfig, logger: Logger = createLogger('control-plane')): Promise<RunningControlPlane> {
  // Validate the fleet file and the policy pack before touching the store: a bad one must stop the
  // start, naming the file, entry and field.
  const { fleet: fleetFile, version } = loadFleetFile(config.fleetFile);
  // Held in force by PolicyInForce: a reload changes what the planner, drains and capacity all read.
  const policy = new PolicyInForce(loadPolicyPack(config.policyDir));
  const alertRules = loadAlertRules(config.alertsDir ?? DEFAULT_ALERTS_DIR);
  const keyring = auditKeyring(loadAuditKey(config.dataDir, config.auditKey), config.auditKeysPrevious);
  // Every audit record written through this store is keyed (audit/audit-keys.ts).
  const db = withAuditKeys(await openDb(config), keyring);
  const anchors = new AuditAnchors(config.dataDir, keyring);
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const changed = await syncFleet(db, fleetFile, version);
    logger.info({ version, changed, sites: fleetFile.sites.length, links: fleetFile.links.length, store: db.kind }, 'fleet ready');
    if (await recordAuditKey(db, new Date())) logger.info({ auditKeyId: keyring.current.id }, 'audit key recorded in the chain');
    const recorded = await recordPolicyLoad(db, policy, new Date());
    logger.info({ policyVersion: policy.version, rules: policy.pack.rules.length, recorded }, 'policy ready');
  } catch (error) {
    await db.close();
    throw error;
  }

  const fleet = new FleetService(db);
  const bus = new EventBus();
  const live = new LiveState(bus);
  // Every site's declared status from the start (the simulator re-declares each tick; ingest-only sites start as no-data).
  live.declare((await fleet.current()).sites);
  const telemetry = createTelemetryStore(db, { rawRetentionMs: config.rawRetentionMs });
  // One ingest for the API and the simulator: the same checks, and one counter memory for OTLP.
  // Accepted samples go to the live state and, once the alert service is built below, to rule evaluation.
  const published = new EvaluatingPublisher(live);
  const ingest = new TelemetryIngest(telemetry, published);
  const series = new SeriesService(telemetry);
  const audit = new AuditService(db, anchors);
  // A chain that no longer fits its last anchor is not anchored over (verify names the problem).
  const anchor = async () => {
    const { refused } = await audit.anchor();
    if (refused) logger.error({ reason: refused }, 'the audit chain is not anchored: GET /v1/audit/verify names the problem');
  };
  await anchor();
  // The timeline records faults and health changes as the bus publishes them, and what the other parts send it.
  const timeline = new TimelineService({ db, bus, logger });
  const unfollowTimeline = timeline.follow(live.snapshot().health);
  const workloads = new WorkloadService({ db, fleet, live, policy, timeline });
  // A pack other than the one the workloads were last checked against: re-checked (flagged, never moved) before any request.
  const policies = new PolicyService({ db, fleet, policy, dir: config.policyDir, logger, timeline });
  await policies.start();
  // Windows in force are applied before the first request: a site in maintenance is never placed on.
  // While a window is in force its site is declared `maintenance` until the window's end (placement rejects it).
  const maintenance = new MaintenanceService({ db, fleet, logger, status: live, timeline });
  await maintenance.start();
  // Alert rules judge every accepted batch, the simulator's and the API's alike; open alerts and silences resume from the store.
  const alerts = new AlertService({ db, bus, fleet, rules: alertRules, logger, maintenance, timeline });
  await alerts.start();
  // Alert notifications to CORRIDOR_ALERT_WEBHOOKS, following the bus's alert events; each delivery's state is kept on its alert.
  const notifier = new AlertNotifier({ bus, logger, webhooks: config.alertWebhooks ?? [], consoleUrl: config.consoleUrl ?? 'http://localhost:8080', alerts });
  notifier.start();
  published.evaluateWith(alerts);
  const drains = new DrainService({ db, fleet, workloads, logger, maintenance, alerts, timeline });
  // Operators' confirmations of down, stored: applied before the first lifecycle step, so a restart moves nothing back.
  const confirmDown = new ConfirmDownService({ db, fleet, live, timeline });
  await confirmDown.start();
  const supervisor = new Supervisor({ db, fleet, workloads, logger, drains });
  const simWorkloads = { running: () => runningGpusBySite(db), step: () => supervisor.step() };
  const simulator = config.simulator ? new Simulator({ fleet, ingest, live, logger, options: config.simulator, workloads: simWorkloads }) : undefined;

  const app = createApp({
    db,
    logger,
    fleet,
    bus,
    live,
    telemetry,
    ingest,
    series,
    audit,
    workloads,
    maintenance,
    drains,
    alerts,
    timeline,
    confirmDown,
    policies,
    simulator,
    serviceToken: config.serviceToken,
  });
  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  if (simulator) simulator.start();
  else supervisor.start(LIFECYCLE_STEP_MS);
  const prune = setInterval(() => {
    telemetry.prune().catch((error: Error) => logger.error({ err: error }, 'pruning raw telemetry failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();
  const alertTimer = setInterval(() => {
    alerts.tick().catch((error: Error) => logger.error({ err: error }, 'the alert clock failed'));
  }, ALERT_TICK_MS);
  alertTimer.unref();
  // A site whose frames stop becomes no-data within a second of its third missed interval (one pass over the sites).
  const silenceTimer = setInterval(() => live.checkSilence(), SILENCE_CHECK_MS);
  silenceTimer.unref();
  const anchorTimer = setInterval(() => {
    anchor().catch((error: Error) => logger.error({ err: error }, 'writing the audit anchor failed'));
  }, config.auditAnchorMs ?? AUDIT_ANCHOR_MS);
  anchorTimer.unref();

  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  return {
    url,
    db,
    ...(simulator ? { simulator } : {}),
    supervisor,
    alerts,
    timeline,
    anchorAudit: anchor,
    reloadPolicy: (actor = 'system') => policies.reload(actor),
    routes: app.routes,
    async close() {
      clearInterval(prune);
      clearInterval(alertTimer);
      clearInterval(anchorTimer);
      clearInterval(silenceTimer);
      await simulator?.stop();
      await supervisor.stop();
      alerts.close();
      await alerts.flush();
      maintenance.close();
      await drains.close();
      unfollowTimeline();
      await notifier.stop();
      await timeline.settled();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // The head as it is at shutdown, so the next start verifies against it.
      await anchor().catch((error: Error) => logger.error({ err: error }, 'writing the audit anchor failed'));
      await db.close();
    },
  };
}
