import { randomUUID } from 'node:crypto';
import { ConflictError, METRICS, NotFoundError, type AckRequest, type Alert, type AlertFilter, type NotificationStatus, type Sample, type Silence, type SilenceCreate } from '@corridor/shared';
import type { Logger } from '@corridor/http-kit';
import type { Db } from '@corridor/store';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { AlertSink, MaintenanceOracle, RaisedAlert, TimelineSink } from '../noc/ports.ts';
import { newSeries, onClock, onSample, type SeriesState, type Transition } from './alert-evaluator.ts';
import { round, type AlertRule } from './alert-rules.ts';
import { alertById, listAlerts, listSilences, openAlerts, saveAlert, saveSilence, silenceById, type StoredAlert } from './alert-store.ts';
import { RuleBook, type BoundRule, type EntityFacts } from './alert-targets.ts';
import { newSilence, silencedBy, silenceState, withState } from './silences.ts';

export interface AlertServiceDeps {
  db: Db;
  bus: Pick<EventBus, 'publish'>;
  fleet: Pick<FleetService, 'current'>;
  rules: readonly AlertRule[];
  /** Where transitions, acknowledgements and silences are recorded (timeline/); none: not recorded. */
  timeline?: TimelineSink;
  /** Which sites and links are in an active maintenance window (maintenance/); none: never. */
  maintenance?: MaintenanceOracle;
  logger?: Pick<Logger, 'error' | 'warn'>;
  now?: () => number;
  /** Series tracked at most (rules × sites and links of the fleet, in practice far fewer). */
  maxSeries?: number;
}

interface Tracked {
  seriesKey: string;
  bound: BoundRule;
  facts: EntityFacts;
  state: SeriesState;
}

interface Change {
  seriesKey: string;
  tracked: Tracked;
  transition: Transition;
  value: number | null;
  atMs: number;
}

const NO_NOTIFICATION: NotificationStatus = { state: 'none', attempts: 0 };
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The alert lifecycle. Rules are evaluated on every accepted batch (`observe`, called where the ingest
 * publishes samples) per series, in memory; a transition (pending, firing, resolved), an
 * acknowledgement, an escalation or a silence is then stored, published on the bus as the whole Alert
 * and recorded on the timeline, one change at a time in order. Human actions (ack, silence created or
 * expired) are also audit records; rule transitions are not, to keep the hash chain small.
 */
export class AlertService implements AlertSink {
  private readonly book: RuleBook;
  private readonly rulesById: Map<string, AlertRule>;
  private readonly series = new Map<string, Tracked>();
  /** The series each sample feeds, by entity id then metric: a sample costs two map lookups (rebuilt when the fleet changes). */
  private readonly feeds = { site: new Map<string, Map<string, Tracked[]>>(), link: new Map<string, Map<string, Tracked[]>>() };
  /** Pending and firing alerts by series key. */
  private readonly open = new Map<string, StoredAlert>();
  /** Silences not yet expired. */
  private silences: Silence[] = [];
  private work: Promise<unknown> = Promise.resolve();
  /** Per pending series, the timer that fires it once `for` has passed (its `dueMs`), between samples and ticks. */
  private readonly dueTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private readonly now: () => number;
  private readonly maxSeries: number;
  private warnedFull = false;

  constructor(private readonly deps: AlertServiceDeps) {
    this.book = new RuleBook(deps.rules);
    this.rulesById = new Map(deps.rules.map((r) => [r.id, r]));
    this.now = deps.now ?? Date.now;
    this.maxSeries = deps.maxSeries ?? 500_000;
  }

  get rules(): readonly AlertRule[] {
    return this.deps.rules;
  }

  /** Series tracked now (bounded by maxSeries). */
  get seriesCount(): number {
    return this.series.size;
  }

  /** Resumes from the store: open alerts keep their episode, silences their span. */
  async start(): Promise<void> {
    await this.refreshFleet();
    const nowMs = this.now();
    for (const stored of await openAlerts(this.deps.db)) {
      this.open.set(stored.seriesKey, stored);
      const [ruleId, entityKey] = stored.seriesKey.split('|');
      const rule = this.rulesById.get(ruleId ?? '');
      const facts = entityKey ? this.book.factsOf(entityKey) : undefined;
      if (!rule || !facts) continue;
      const bound = this.book.rulesFor(rule.metric, entityKey!).find((b) => b.rule === rule);
      if (!bound) continue;
      // Staleness and absence count from the restart: the series had no chance to report meanwhile.
      const state: SeriesState = {
        phase: stored.alert.state === 'firing' ? 'firing' : 'pending',
        since: Date.parse(stored.alert.startsAt),
        value: stored.alert.value,
        ...(rule.condition === 'absent' ? {} : { arrivedMs: nowMs }),
      };
      // A pending episode resumed here fires on its next sample, not by the clock: nothing says it held while this process was down.
      this.series.set(stored.seriesKey, { seriesKey: stored.seriesKey, bound, facts, state });
    }
    this.silences = (await listSilences(this.deps.db, nowMs)).filter((s) => silenceState(s, nowMs) !== 'expired');
  }

  /** No more timers: pending series fire no more by themselves (the control plane is stopping). */
  close(): void {
    this.closed = true;
    for (const timer of this.dueTimers.values()) clearTimeout(timer);
    this.dueTimers.clear();
  }

  /**
   * Fires a pending series at its `dueMs` (the arrival of its first sample + `for`) if it still holds
   * then, so the firing (and its webhook) does not wait for the series' next sample or the next tick:
   * with samples every second the next tick could add up to a second to `for`.
   */
  private armFiring(tracked: Tracked): void {
    const { seriesKey, state } = tracked;
    clearTimeout(this.dueTimers.get(seriesKey));
    this.dueTimers.delete(seriesKey);
    if (this.closed || state.phase !== 'pending' || state.dueMs === undefined) return;
    const timer = setTimeout(
      () => {
        this.dueTimers.delete(seriesKey);
        void this.enqueue(() => this.fireIfDue(tracked)).catch(() => undefined);
      },
      Math.max(0, state.dueMs - this.now()),
    );
    timer.unref();
    this.dueTimers.set(seriesKey, timer);
  }

  private async fireIfDue(tracked: Tracked): Promise<void> {
    // Replaced (a fleet change re-bound it) or no longer pending: the tick or a sample has spoken since.
    if (this.closed || this.series.get(tracked.seriesKey) !== tracked || tracked.state.phase !== 'pending') return;
    const nowMs = this.now();
    const transition = onClock(tracked.bound.rule, tracked.state, nowMs);
    if (transition) await this.applyAll([{ seriesKey: tracked.seriesKey, tracked, transition, value: tracked.state.value, atMs: nowMs }]);
    // A clock that disagrees with the timer (not yet due): wait for the rest.
    else this.armFiring(tracked);
  }

  /** Resolves once every change queued so far is stored and published. */
  async flush(): Promise<void> {
    for (let seen: unknown; seen !== this.work;) {
      seen = this.work;
      await seen;
    }
  }

  /** Judges accepted samples against the rules: in memory, synchronously; the changes they cause are queued. */
  observe(samples: readonly Sample[]): void {
    const nowMs = this.now();
    const changes: Change[] = [];
    for (const sample of samples) {
      const kind = sample.siteId !== undefined ? 'site' : 'link';
      const id = kind === 'site' ? sample.siteId! : sample.linkId!;
      const feeds = this.feeds[kind].get(id)?.get(sample.metric) ?? this.feedsOf(kind, id, sample.metric);
      for (const tracked of feeds) {
        // A threshold relative to a figure the entity lacks (NaN) never holds.
        const transition = onSample(tracked.bound.rule, tracked.state, sample.at, sample.value, nowMs, tracked.bound.threshold);
        if (transition) changes.push({ seriesKey: tracked.seriesKey, tracked, transition, value: tracked.state.value, atMs: sample.at });
        if (transition === 'pending') this.armFiring(tracked);
      }
    }
    if (changes.length) this.enqueue(() => this.applyAll(changes));
  }

  /**
   * The clock's turn (every second): absent series, stale series, silences that start or end,
   * maintenance windows, escalations. Also picks up a new fleet version.
   */
  tick(): Promise<void> {
    return this.enqueue(async () => {
      await this.refreshFleet();
      const nowMs = this.now();
      const changes: Change[] = [];
      for (const [seriesKey, tracked] of this.series) {
        const transition = onClock(tracked.bound.rule, tracked.state, nowMs);
        if (transition) changes.push({ seriesKey, tracked, transition, value: tracked.state.value, atMs: nowMs });
      }
      await this.applyAll(changes);
      for (const silence of this.silences.filter((s) => silenceState(s, nowMs) === 'expired')) {
        const over = withState(silence, nowMs);
        await saveSilence(this.deps.db, over);
        await this.record({ kind: 'silence', actor: 'system', summary: `silence ${silence.id} ended (${silence.comment})`, detail: { silenceId: silence.id, transition: 'ended' } });
      }
      this.silences = this.silences.filter((s) => silenceState(s, nowMs) !== 'expired');
      await this.refreshOpen(nowMs);
    });
  }

  async list(filter: AlertFilter): Promise<Alert[]> {
    await this.flush();
    return listAlerts(this.deps.db, filter, this.now());
  }

  /** Acknowledges an open alert (404 unknown, 409 resolved); the acknowledgement ends with the episode. */
  ack(id: string, request: AckRequest, actor: string): Promise<Alert> {
    return this.enqueue(async () => {
      const stored = [...this.open.values()].find((s) => s.alert.id === id) ?? (await alertById(this.deps.db, id));
      if (!stored) throw new NotFoundError(`no alert "${id}"`);
      if (stored.alert.state === 'resolved') throw new ConflictError(`alert "${id}" is resolved: there is nothing left to acknowledge`);
      const nowMs = this.now();
      const acknowledgement = { by: actor, comment: request.comment, at: iso(nowMs), ...(request.etaMinutes !== undefined ? { eta: iso(nowMs + request.etaMinutes * 60_000) } : {}) };
      const alert: Alert = { ...stored.alert, acknowledgement };
      await this.deps.db.transaction(async (tx) => {
        await saveAlert(tx, { seriesKey: stored.seriesKey, alert });
        await appendAudit(
          tx,
          { actor, action: 'alert-ack', subject: `alert:${id}`, detail: { ruleId: alert.ruleId, comment: request.comment, ...(acknowledgement.eta ? { eta: acknowledgement.eta } : {}) } },
          new Date(nowMs),
        );
      });
      stored.alert = alert;
      this.deps.bus.publish('alert', alert);
      await this.record({
        kind: 'ack',
        actor,
        summary: `${actor} acknowledged: ${alert.summary} — ${request.comment}`,
        ...entityOf(alert),
        detail: { alertId: id, ruleId: alert.ruleId, comment: request.comment },
      });
      return alert;
    });
  }

  async listSilences(): Promise<Silence[]> {
    const nowMs = this.now();
    return (await listSilences(this.deps.db, nowMs)).map((s) => withState(s, nowMs));
  }

  createSilence(request: SilenceCreate, actor: string): Promise<Silence> {
    return this.enqueue(async () => {
      const nowMs = this.now();
      const silence = newSilence(request, actor, nowMs);
      await this.deps.db.transaction(async (tx) => {
        await saveSilence(tx, silence);
        await appendAudit(
          tx,
          { actor, action: 'silence-created', subject: `silence:${silence.id}`, detail: { matchers: silence.matchers, startsAt: silence.startsAt, endsAt: silence.endsAt, comment: silence.comment } },
          new Date(nowMs),
        );
      });
      this.silences.push(silence);
      await this.record({
        kind: 'silence',
        actor,
        summary: `${actor} silenced ${describeMatchers(silence)} until ${silence.endsAt}: ${silence.comment}`,
        ...matcherEntity(silence),
        detail: { silenceId: silence.id, transition: 'created', matchers: silence.matchers },
      });
      await this.refreshOpen(nowMs);
      return silence;
    });
  }

  /** Ends a silence now (404 unknown); one already over is answered as it is. */
  expireSilence(id: string, actor: string): Promise<Silence> {
    return this.enqueue(async () => {
      const nowMs = this.now();
      const found = await silenceById(this.deps.db, id);
      if (!found) throw new NotFoundError(`no silence "${id}"`);
      if (silenceState(found, nowMs) === 'expired') return withState(found, nowMs);
      const expired: Silence = { ...found, expiredAt: iso(nowMs), state: 'expired' };
      await this.deps.db.transaction(async (tx) => {
        await saveSilence(tx, expired);
        await appendAudit(tx, { actor, action: 'silence-expired', subject: `silence:${id}`, detail: { matchers: found.matchers } }, new Date(nowMs));
      });
      this.silences = this.silences.filter((s) => s.id !== id);
      await this.record({ kind: 'silence', actor, summary: `${actor} ended the silence of ${describeMatchers(found)}`, ...matcherEntity(found), detail: { silenceId: id, transition: 'expired' } });
      await this.refreshOpen(nowMs);
      return expired;
    });
  }

  // ─── AlertSink: alerts the control plane raises itself ───────────────────────────────────────

  raise(raised: RaisedAlert): Promise<Alert> {
    return this.enqueue(async () => {
      const nowMs = this.now();
      const seriesKey = `raised:${raised.key}`;
      const stored = this.open.get(seriesKey);
      const base: Alert =
        stored?.alert ?? this.blank({ ruleId: raised.ruleId, severity: raised.severity, siteId: raised.siteId, linkId: raised.linkId, runbook: raised.runbook, unit: '', atMs: nowMs });
      const alert = this.decorate({ ...base, severity: raised.severity, summary: raised.summary, runbook: raised.runbook, state: 'firing', firingAt: base.firingAt ?? iso(nowMs) }, nowMs);
      await this.commit(seriesKey, alert);
      if (!stored) await this.recordTransition(alert, 'firing');
      return alert;
    });
  }

  clear(key: string): Promise<void> {
    return this.enqueue(async () => {
      const seriesKey = `raised:${key}`;
      const stored = this.open.get(seriesKey);
      if (!stored) return;
      const alert: Alert = { ...stored.alert, state: 'resolved', resolvedAt: iso(this.now()) };
      await this.commit(seriesKey, alert);
      await this.recordTransition(alert, 'resolved');
    });
  }

  recordNotification(alertId: string, status: NotificationStatus): Promise<void> {
    return this.enqueue(async () => {
      const stored = [...this.open.values()].find((s) => s.alert.id === alertId) ?? (await alertById(this.deps.db, alertId));
      if (!stored) throw new NotFoundError(`no alert "${alertId}"`);
      await this.commit(stored.seriesKey, { ...stored.alert, notification: status });
    });
  }

  // ─── Internals ───────────────────────────────────────────────────────────────────────────────

  /** Runs `fn` after every change queued before it; a failure is the caller's, never the queue's. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.work.then(fn);
    this.work = run.catch((error: unknown) => {
      if (!(error instanceof NotFoundError || error instanceof ConflictError)) this.deps.logger?.error({ err: error }, 'alert change failed');
    });
    return run;
  }

  private async refreshFleet(): Promise<void> {
    const view = await this.deps.fleet.current();
    if (!this.book.useFleet(view.version, view.sites, view.links)) return;
    // Selectors and relative thresholds may have changed: series are re-bound on their next sample, keeping their state.
    this.feeds.site.clear();
    this.feeds.link.clear();
  }

  /** The series a metric of an entity feeds, tracked from now on (none for an entity the fleet does not know yet). */
  private feedsOf(kind: 'site' | 'link', id: string, metric: Sample['metric']): Tracked[] {
    const entityKey = `${kind}:${id}`;
    const facts = this.book.factsOf(entityKey);
    if (!facts) return [];
    const feeds: Tracked[] = [];
    for (const bound of this.book.rulesFor(metric, entityKey)) {
      const seriesKey = `${bound.rule.id}|${entityKey}`;
      let tracked = this.series.get(seriesKey);
      if (tracked) Object.assign(tracked, { bound, facts });
      else if (this.series.size >= this.maxSeries) this.warnFull();
      else this.series.set(seriesKey, (tracked = { seriesKey, bound, facts, state: newSeries() }));
      if (tracked) feeds.push(tracked);
    }
    let byMetric = this.feeds[kind].get(id);
    if (!byMetric) this.feeds[kind].set(id, (byMetric = new Map()));
    byMetric.set(metric, feeds);
    return feeds;
  }

  private async applyAll(changes: readonly Change[]): Promise<void> {
    for (const change of changes) await this.apply(change);
  }

  private async apply({ seriesKey, tracked, transition, value, atMs }: Change): Promise<void> {
    const { rule } = tracked.bound;
    const nowMs = this.now();
    const stored = this.open.get(seriesKey);
    if (transition === 'pending' || transition === 'firing') {
      const since = tracked.state.since ?? atMs;
      const base =
        stored?.alert ??
        this.blank({
          ruleId: rule.id,
          severity: rule.severity,
          runbook: rule.runbook,
          unit: rule.unit,
          atMs: since,
          ...(tracked.facts.kind === 'site' ? { siteId: tracked.facts.id } : { linkId: tracked.facts.id }),
        });
      const alert = this.decorate(
        { ...base, state: transition, value: display(rule, value), summary: summaryOf(rule, tracked, value), ...(transition === 'firing' ? { firingAt: iso(atMs) } : {}) },
        nowMs,
      );
      await this.commit(seriesKey, alert);
      if (transition === 'firing') await this.recordTransition(alert, 'firing');
      return;
    }
    if (!stored) return;
    // Resolved after firing, or a pending episode that ended before `for` (resolved, never fired).
    const alert: Alert = { ...stored.alert, state: 'resolved', resolvedAt: iso(atMs), value: display(rule, value), silencedBy: stored.alert.silencedBy };
    await this.commit(seriesKey, alert);
    if (transition === 'resolved') await this.recordTransition(alert, 'resolved');
  }

  private blank(a: { ruleId: string; severity: Alert['severity']; siteId?: string | undefined; linkId?: string | undefined; runbook: string; unit: string; atMs: number }): Alert {
    return {
      id: randomUUID(),
      ruleId: a.ruleId,
      severity: a.severity,
      state: 'pending',
      ...(a.siteId !== undefined ? { siteId: a.siteId } : {}),
      ...(a.linkId !== undefined ? { linkId: a.linkId } : {}),
      summary: '',
      value: null,
      unit: a.unit,
      runbook: a.runbook,
      startsAt: iso(a.atMs),
      silencedBy: [],
      inMaintenance: false,
      notification: NO_NOTIFICATION,
    };
  }

  /** The alert with its silences and maintenance as of now. */
  private decorate(alert: Alert, nowMs: number): Alert {
    return { ...alert, silencedBy: silencedBy(this.silences, alert, nowMs), inMaintenance: this.inMaintenance(alert, nowMs) };
  }

  private inMaintenance(alert: Alert, nowMs: number): boolean {
    const entity = alert.siteId !== undefined ? { siteId: alert.siteId } : alert.linkId !== undefined ? { linkId: alert.linkId } : undefined;
    return entity !== undefined && this.deps.maintenance?.activeFor(entity, nowMs) !== undefined;
  }

  /** Stores the alert, keeps the open set in step and publishes it. */
  private async commit(seriesKey: string, alert: Alert): Promise<void> {
    await saveAlert(this.deps.db, { seriesKey, alert });
    // A late report on a resolved alert must not drop the open episode that followed it on the same series.
    if (alert.state === 'resolved') {
      if (this.open.get(seriesKey)?.alert.id === alert.id) this.open.delete(seriesKey);
    } else {
      const stored = this.open.get(seriesKey);
      if (stored) stored.alert = alert;
      else this.open.set(seriesKey, { seriesKey, alert });
    }
    this.deps.bus.publish('alert', alert);
  }

  /** Silences and maintenance of every open alert re-judged; unacknowledged firing alerts escalated when due. */
  private async refreshOpen(nowMs: number): Promise<void> {
    for (const [seriesKey, { alert }] of [...this.open]) {
      let next = this.decorate(alert, nowMs);
      const rule = this.rulesById.get(alert.ruleId);
      const due =
        rule?.escalateAfterMs !== undefined &&
        next.state === 'firing' &&
        !next.acknowledgement &&
        next.escalatedAt === undefined &&
        next.silencedBy.length === 0 &&
        !next.inMaintenance &&
        next.firingAt !== undefined &&
        nowMs - Date.parse(next.firingAt) >= rule.escalateAfterMs;
      if (due) next = { ...next, escalatedAt: iso(nowMs) };
      if (!due && next.inMaintenance === alert.inMaintenance && next.silencedBy.join() === alert.silencedBy.join()) continue;
      await this.commit(seriesKey, next);
      if (due) await this.recordTransition(next, 'escalated');
    }
  }

  private async recordTransition(alert: Alert, transition: 'firing' | 'resolved' | 'escalated'): Promise<void> {
    const words = { firing: 'firing', resolved: 'resolved', escalated: 'escalated: unacknowledged' }[transition];
    await this.record({
      kind: 'alert',
      actor: 'system',
      summary: `${alert.severity} alert ${words}: ${alert.summary}`,
      ...entityOf(alert),
      detail: {
        alertId: alert.id,
        ruleId: alert.ruleId,
        severity: alert.severity,
        transition,
        value: alert.value,
        unit: alert.unit,
        silenced: alert.silencedBy.length > 0,
        inMaintenance: alert.inMaintenance,
      },
    });
  }

  private async record(input: Parameters<TimelineSink['record']>[0]): Promise<void> {
    if (!this.deps.timeline) return;
    // The timeline is a record of what happened; failing to write it must not undo the change itself.
    await this.deps.timeline.record(input).catch((error: unknown) => this.deps.logger?.error({ err: error }, 'timeline record failed'));
  }

  private warnFull(): void {
    if (this.warnedFull) return;
    this.warnedFull = true;
    this.deps.logger?.warn({ maxSeries: this.maxSeries }, 'alert evaluation tracks its maximum of series: new series are not evaluated');
  }
}

const entityOf = (alert: Pick<Alert, 'siteId' | 'linkId'>) => ({ ...(alert.siteId !== undefined ? { siteId: alert.siteId } : {}), ...(alert.linkId !== undefined ? { linkId: alert.linkId } : {}) });
const matcherEntity = (s: Silence) => entityOf({ siteId: s.matchers.siteId, linkId: s.matchers.linkId });

function describeMatchers(s: Silence): string {
  return Object.entries(s.matchers)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/** A base-unit value in the rule's display unit, rounded for reading; null stays null. */
function display(rule: AlertRule, value: number | null): number | null {
  return value === null ? null : round(value * METRICS[rule.metric].toDisplay);
}

/** The rule's summary with the value, unit, threshold and entity filled in. */
export function summaryOf(rule: AlertRule, tracked: Pick<Tracked, 'bound' | 'facts'>, value: number | null): string {
  const shown = display(rule, value);
  const threshold = tracked.bound.threshold === undefined || Number.isNaN(tracked.bound.threshold) ? '—' : String(round(tracked.bound.threshold * METRICS[rule.metric].toDisplay));
  const fills: Record<string, string> = { value: shown === null ? '—' : String(shown), unit: rule.unit, threshold, entity: tracked.facts.name, id: tracked.facts.id };
  return rule.summary
    .replace(/\{(\w+)\}/g, (_m, name: string) => fills[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
