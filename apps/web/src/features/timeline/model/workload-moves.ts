import type { TimelineEvent } from '@corridor/shared';

/** One move of a workload as its page lists it: its state, from → to, and why (what the event's detail carries). */
export interface WorkloadMove {
  id: number;
  at: string;
  kind: TimelineEvent['kind'];
  /** E.g. `migrating`, `running`, `blocked`; absent when the event does not say. */
  state?: string;
  from?: string;
  to?: string;
  why: string;
  actor?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * An event of the workload as a move. The timeline's detail names the ends `from`/`to` (or
 * `fromSiteId`/`toSiteId`), the state `state` (or `to` state) and the reason `reason`; the summary is
 * the reason when the detail has none, so a move is never shown without a why.
 */
export function moveOf(event: TimelineEvent): WorkloadMove {
  const d = event.detail;
  return {
    id: event.id,
    at: event.at,
    kind: event.kind,
    state: str(d.state) ?? str(d.workloadState),
    from: str(d.from) ?? str(d.fromSiteId),
    to: str(d.to) ?? str(d.toSiteId) ?? (event.kind === 'commit' ? event.siteId : undefined),
    why: str(d.reason) ?? str(d.why) ?? event.summary,
    actor: event.actor,
  };
}

/** The events that are moves (and the commit and release that bound them), newest first. */
export const MOVE_KINDS: readonly TimelineEvent['kind'][] = ['migration', 'drain', 'commit', 'release'];
export const movesOf = (events: readonly TimelineEvent[]): WorkloadMove[] =>
  events
    .filter((e) => MOVE_KINDS.includes(e.kind))
    .sort((a, b) => b.id - a.id)
    .map(moveOf);
