import type { Logger } from '@corridor/http-kit';
import type { SiteHealth, StreamEvent, TimelineEvent, TimelinePage, TimelineQuery } from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { ActingAs } from '../auth/acting-as.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { TimelineInput, TimelineSink } from '../noc/ports.ts';
import { faultEntry, HealthChanges } from './fleet-events.ts';
import { insertTimelineEvent, listTimeline } from './timeline-store.ts';

export interface TimelineServiceDeps {
  db: Db;
  bus: EventBus;
  logger: Logger;
  now?: () => number;
}

/**
 * The NOC's timeline: every part records what happened through `record` (stored, then published as a
 * `timeline` stream event); `follow` adds what the bus itself says — faults injected and cleared, sites'
 * health changes. A tenant user reads only the events of its own workloads.
 */
export class TimelineService implements TimelineSink {
  private readonly now: () => number;
  private readonly health = new HealthChanges();
  /** Followed events are recorded one after another, in the bus's order, off the publisher's path. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TimelineServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Stores and publishes one event; a failure is logged here and thrown (callers that must not fail on it catch it). */
  async record(input: TimelineInput): Promise<TimelineEvent> {
    const at = input.at ? new Date(input.at) : new Date(this.now());
    const event = await insertTimelineEvent(this.deps.db, input, at).catch((error: Error) => {
      this.deps.logger.error({ err: error, kind: input.kind }, 'timeline: could not record an event');
      throw error;
    });
    this.deps.bus.publish('timeline', event);
    return event;
  }

  /** A page, newest first; a tenant user's scope keeps its own tenant's events only (the rest do not exist for it). */
  list(query: TimelineQuery, scope: Pick<ActingAs, 'tenant'> = {}): Promise<TimelinePage> {
    return listTimeline(this.deps.db, query, scope.tenant);
  }

  /**
   * Records faults and health changes as the bus publishes them, each site's health compared with the
   * `baseline` (the live state's as the following starts); returns the unsubscribe.
   */
  follow(baseline: Record<string, SiteHealth> = {}): () => void {
    for (const health of Object.values(baseline)) this.health.entryFor(health);
    return this.deps.bus.subscribe((event) => {
      const input = this.fromBus(event);
      if (input) this.enqueue(input);
    }, 'internal');
  }

  /** Resolves once every followed event so far is stored (tests, shutdown). */
  async settled(): Promise<void> {
    await this.queue;
  }

  private fromBus(event: StreamEvent): TimelineInput | undefined {
    if (event.type === 'fault') return faultEntry(event.data.action, event.data.fault);
    if (event.type === 'site-health') return this.health.entryFor(event.data);
    return undefined;
  }

  private enqueue(input: TimelineInput): void {
    // Stamped when heard (wall clock): a simulator's warped time is not the timeline's.
    const at = new Date(this.now()).toISOString();
    // Logged by record; the queue goes on.
    this.queue = this.queue.then(() => this.record({ ...input, at })).catch(() => undefined);
  }
}
