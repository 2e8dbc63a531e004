import type { Alert, AlertSeverity, NotificationStatus, TimelineEvent } from '@corridor/shared';

// The seams between the NOC's parts in the control plane (issue 16): each part is built against these
// and given the others' implementations in control-plane.ts, so none imports another's internals.

/** A timeline entry as its author gives it: the recorder numbers and stamps it. */
export type TimelineInput = Omit<TimelineEvent, 'id' | 'at'> & { at?: string };

/** Records what happened on the timeline (stored, then published as a `timeline` stream event). Implemented in timeline/. */
export interface TimelineSink {
  record(input: TimelineInput): Promise<TimelineEvent>;
}

/** The maintenance window in force on a site or link at an instant. Implemented in maintenance/; answers from memory (called per sample batch). */
export interface MaintenanceOracle {
  activeFor(entity: { siteId?: string; linkId?: string }, atMs: number): { windowId: string; endsAt: string } | undefined;
}

/** An alert raised by the control plane itself rather than by a rule on telemetry (a drain with a workload that has nowhere lawful to go). */
export interface RaisedAlert {
  /** Identifies the condition: raising the same key again updates that alert; clearing it resolves it. */
  key: string;
  ruleId: string;
  severity: AlertSeverity;
  siteId?: string;
  linkId?: string;
  summary: string;
  runbook: string;
}

/** What the alert service offers the other parts. Implemented in alerts/. */
export interface AlertSink {
  raise(alert: RaisedAlert): Promise<Alert>;
  clear(key: string): Promise<void>;
  /** Delivery of the alert's notification to the webhooks (the notifier's report); republished on the stream. */
  recordNotification(alertId: string, status: NotificationStatus): Promise<void>;
}
