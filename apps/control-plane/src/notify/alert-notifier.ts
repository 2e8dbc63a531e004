import type { Logger } from '@corridor/http-kit';
import type { Alert, NotificationStatus } from '@corridor/shared';
import type { EventBus } from '../events/event-bus.ts';
import type { AlertSink } from '../noc/ports.ts';
import { webhookPayload, type PayloadOptions, type WebhookStatus } from './alertmanager-payload.ts';
import { DEFAULT_RETRY, deliver, type AttemptOutcome, type RetryPolicy } from './webhook-delivery.ts';

export interface AlertNotifierDeps {
  bus: EventBus;
  logger: Logger;
  /** CORRIDOR_ALERT_WEBHOOKS: every notification goes to each. None: the notifier does nothing. */
  webhooks: readonly string[];
  /** The console's address (externalURL and each alert's link). */
  consoleUrl: string;
  /** Where each alert's delivery state is reported (alerts/ keeps it on the alert and republishes it). */
  alerts?: Pick<AlertSink, 'recordNotification'>;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
}

/** What the notifier remembers of one alert between its events. */
interface Tracked {
  /** The fields that decide a notification, as last seen: an event that changes none of them (its delivery state only) is ignored. */
  seen: string;
  /** A firing notification was sent (or tried): the resolved one is owed, whatever silences or acks came since. */
  firingSent: boolean;
  /** The escalation last notified. */
  escalatedAt?: string;
  /** This alert's notifications go out one after another (a resolved never overtakes its firing). */
  chain: Promise<void>;
}

/** Silenced or in maintenance: recorded, not notified. */
const suppressed = (alert: Alert) => alert.silencedBy.length > 0 || alert.inMaintenance;
/** What an alert's stored delivery state says was already sent: a firing (tried or delivered) owes a resolved. */
function owedFrom(alert: Alert): Pick<Tracked, 'firingSent' | 'escalatedAt'> {
  const { state, last } = alert.notification;
  const firingSent = last === 'firing' && (state === 'pending' || state === 'delivered' || state === 'failed');
  return { firingSent, ...(firingSent && alert.escalatedAt ? { escalatedAt: alert.escalatedAt } : {}) };
}
const deciding = (alert: Alert) => [alert.state, alert.escalatedAt ?? '', suppressed(alert) ? 'suppressed' : 'open'].join('|');

/**
 * Sends alerts to the configured webhooks in the Alertmanager webhook format, following the bus's
 * `alert` events: firing when an alert fires (unless silenced or in maintenance then: `suppressed`;
 * sent later if it is still firing once that ends), firing again when it escalates, and resolved for
 * every alert that was notified as firing — silenced, acknowledged or in maintenance since, alike.
 * Deliveries retry with backoff and never hold up the publisher: the bus listener only queues.
 */
export class AlertNotifier {
  private readonly tracked = new Map<string, Tracked>();
  private readonly stopping = new AbortController();
  private readonly retry: RetryPolicy;
  private readonly payload: PayloadOptions;
  private readonly now: () => number;
  private unsubscribe?: () => void;
  private reporting: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AlertNotifierDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry };
    this.payload = { consoleUrl: deps.consoleUrl, receiver: 'corridor' };
    this.now = deps.now ?? Date.now;
  }

  /** Follows the bus (nothing to follow without a webhook). */
  start(): void {
    if (this.unsubscribe || this.deps.webhooks.length === 0) return;
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type === 'alert') this.onAlert(event.data);
    }, 'internal');
  }

  /** Stops following and abandons deliveries under way (their waits end at once). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stopping.abort();
    await this.settled();
  }

  /** Resolves when every notification queued so far has been delivered or given up (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.tracked.values()].map((t) => t.chain));
    await this.reporting;
  }

  private onAlert(alert: Alert): void {
    const seen = deciding(alert);
    const known = this.tracked.get(alert.id);
    if (known?.seen === seen) return;
    // Unknown here (this process started after it fired): the alert's own delivery record says whether a firing went out.
    const t: Tracked = known ?? { seen, ...owedFrom(alert), chain: Promise.resolve() };
    t.seen = seen;
    this.tracked.set(alert.id, t);

    if (alert.state === 'resolved') {
      if (t.firingSent) this.enqueue(t, alert, 'resolved');
      // Once its resolved is out, nothing more is owed for this alert.
      void t.chain.then(() => {
        if (this.tracked.get(alert.id) === t) this.tracked.delete(alert.id);
      });
      return;
    }
    if (alert.state !== 'firing') return;
    if (!t.firingSent) {
      if (suppressed(alert)) return this.report(alert.id, { state: 'suppressed', attempts: 0 });
      t.firingSent = true;
      t.escalatedAt = alert.escalatedAt;
      return this.enqueue(t, alert, 'firing');
    }
    if (alert.escalatedAt && alert.escalatedAt !== t.escalatedAt && !suppressed(alert)) {
      t.escalatedAt = alert.escalatedAt;
      this.enqueue(t, alert, 'firing');
    }
  }

  private enqueue(t: Tracked, alert: Alert, status: WebhookStatus): void {
    t.chain = t.chain.then(() => this.send(alert, status)).catch((error: Error) => this.deps.logger.error({ err: error, alertId: alert.id }, 'alert notification failed'));
  }

  /** One notification to every webhook at once; the alert's delivery state follows the attempts. */
  private async send(alert: Alert, status: WebhookStatus): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const body = JSON.stringify(webhookPayload(alert, status, this.payload));
    let attempts = 0;
    let lastError: string | undefined;
    const progress = (outcome: AttemptOutcome) => {
      attempts++;
      if (outcome.ok) return;
      lastError = outcome.error;
      this.report(alert.id, { state: 'pending', last: status, attempts, lastAttemptAt: this.iso(), error: outcome.error });
    };
    this.report(alert.id, { state: 'pending', last: status, attempts: 0 });
    const outcomes = await Promise.all(this.deps.webhooks.map((url) => deliver(url, body, this.retry, this.stopping.signal, progress)));
    const failed = outcomes.filter((o): o is Extract<AttemptOutcome, { ok: false }> => !o.ok);
    if (failed.length === 0) {
      const at = this.iso();
      this.report(alert.id, { state: 'delivered', last: status, attempts, lastAttemptAt: at, deliveredAt: at });
      return;
    }
    const error = `${failed.length} of ${outcomes.length} webhook(s) not delivered: ${failed[0]!.error ?? lastError}`;
    this.deps.logger.warn({ alertId: alert.id, status, attempts, error }, 'alert notification not delivered');
    this.report(alert.id, { state: 'failed', last: status, attempts, lastAttemptAt: this.iso(), error });
  }

  /** Reports go out in the order they were made, so an alert never shows `pending` after its `delivered`. */
  private report(alertId: string, status: NotificationStatus): void {
    const sink = this.deps.alerts;
    if (!sink) return;
    this.reporting = this.reporting
      .then(() => sink.recordNotification(alertId, status))
      .catch((error: Error) => this.deps.logger.warn({ err: error, alertId }, 'could not record an alert notification state'));
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
