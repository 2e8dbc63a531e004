import { expectedCadence, isStaleReport, type FaultView, type LiveSnapshot, type MetricName, type SiteHealth, type TelemetryFrame } from '@corridor/shared';

/** Latest values of one site or link, in base units, and the instant of the newest frame that set them. */
export interface EntityValues {
  /** Epoch ms of the newest frame merged in. */
  at: number;
  /** The metrics still current: one not reported for a while is dropped (see STALE_AFTER_INTERVALS). */
  values: Partial<Record<MetricName, number>>;
  /**
   * Epoch ms each metric NOT reported at `at` was last reported, dropped ones included (so an old frame
   * cannot bring one back). A metric of `values` missing here was reported at `at`.
   */
  seen?: Partial<Record<MetricName, number>>;
  /** Ms between each metric's last two reports: its own cadence. */
  every?: Partial<Record<MetricName, number>>;
}

/**
 * The console's live picture, kept in the query cache under ['live']: the snapshot from /api/live with
 * every stream event applied. Entries are replaced, never mutated, so a component selecting one site
 * re-renders only when that site changed.
 */
export interface LiveState {
  /** Id of the newest event applied (or the snapshot's). */
  lastEventId: number;
  /** Epoch ms of the newest frame applied. */
  at: number;
  sites: Readonly<Record<string, EntityValues>>;
  links: Readonly<Record<string, EntityValues>>;
  /** Each site's observed health, when it has been reported. */
  health: Readonly<Record<string, SiteHealth>>;
  /** Faults in force, by id. */
  faults: Readonly<Record<string, FaultView>>;
}

export type FaultEvent = { action: 'injected' | 'cleared'; fault: FaultView };

/** Stream events gathered between two commits to the cache. */
export interface LiveBatch {
  frames: TelemetryFrame[];
  health: SiteHealth[];
  faults: FaultEvent[];
  /** Highest event id in the batch (0 when none had one). */
  lastEventId: number;
}

export const emptyBatch = (): LiveBatch => ({ frames: [], health: [], faults: [], lastEventId: 0 });

function entitiesOf(values: TelemetryFrame['sites'], at: number): Record<string, EntityValues> {
  const out: Record<string, EntityValues> = {};
  for (const id in values) out[id] = { at, values: values[id]! };
  return out;
}

/** The live state a snapshot describes. */
export function fromSnapshot(snapshot: LiveSnapshot): LiveState {
  return {
    lastEventId: snapshot.lastEventId,
    at: snapshot.frame.at,
    sites: entitiesOf(snapshot.frame.sites, snapshot.frame.at),
    links: entitiesOf(snapshot.frame.links, snapshot.frame.at),
    health: snapshot.health,
    faults: Object.fromEntries(snapshot.faults.map((f) => [f.id, f])),
  };
}

function lastSeen(entity: EntityValues, metric: MetricName): number | undefined {
  return entity.seen?.[metric] ?? (entity.values[metric] !== undefined ? entity.at : undefined);
}

/**
 * Whether a metric of an entity is stale at `nowMs` (epoch ms of the entity's newest frame): not
 * reported for more than STALE_AFTER_INTERVALS of its cadence. Never stale while no cadence is known.
 */
export function isStaleMetric(entity: EntityValues, metric: MetricName, nowMs: number): boolean {
  return isStaleReport(lastSeen(entity, metric), expectedCadence(entity.every, metric), nowMs);
}

/**
 * A cadence is replaced only when the new interval differs from it by more than this share: ticks
 * jitter by a few ms, and an unchanged cadence keeps its object, so a steady stream allocates nothing
 * for it (2,000 sites a second must merge well within a frame's budget).
 */
const CADENCE_TOLERANCE = 0.2;

type Values = EntityValues['values'];

/**
 * Merges one entity's values from a frame. Each metric keeps its newest report: a frame sets the
 * metrics it reports at least as recently as the entity last had them, so a late or replayed frame
 * never overwrites newer values (nor brings back one dropped as stale), and may fill a metric never
 * reported. A metric absent from the entity's frames for more than STALE_AFTER_INTERVALS of its
 * cadence is dropped: the panel shows nothing rather than a figure from before an outage. Returns the
 * same object when nothing changes.
 *
 * `seen` holds only the metrics not reported at `at` (absent from the newest frame, or dropped), so in
 * the common case — every metric in every frame — a merge copies nothing but the values.
 */
export function mergeEntity(current: EntityValues | undefined, at: number, values: Values): EntityValues {
  if (!current) return { at, values: { ...values } };
  return at > current.at ? mergeNewer(current, at, values) : mergeOlderOrSame(current, at, values);
}

/** A frame newer than the entity's newest: it becomes the newest, and what it lacks may go stale. */
function mergeNewer(current: EntityValues, at: number, values: Values): EntityValues {
  let every = current.every;
  let everyCopied = false;
  const nextValues: Values = {};
  for (const key in values) {
    const metric = key as MetricName;
    const prev = lastSeen(current, metric);
    if (prev !== undefined && at > prev) {
      const interval = at - prev;
      const known = every?.[metric];
      if (known === undefined || Math.abs(interval - known) > known * CADENCE_TOLERANCE) {
        if (!everyCopied) {
          every = { ...every };
          everyCopied = true;
        }
        every![metric] = interval;
      }
    }
    nextValues[metric] = values[metric];
  }

  let seen: EntityValues['seen'];
  const next: EntityValues = { at, values: nextValues, ...(every ? { every } : {}) };
  const keepAbsent = (metric: MetricName, last: number) => {
    (seen ??= {})[metric] = last;
    next.seen = seen;
  };
  for (const key in current.values) {
    const metric = key as MetricName;
    if (metric in values) continue;
    keepAbsent(metric, lastSeen(current, metric)!);
    if (!isStaleMetric(next, metric, at)) nextValues[metric] = current.values[metric];
  }
  // Metrics dropped earlier stay known as seen, so a late frame cannot bring them back.
  for (const key in current.seen) {
    const metric = key as MetricName;
    if (!(metric in values) && !(metric in current.values)) keepAbsent(metric, current.seen[metric]!);
  }
  return next;
}

/** A frame of the entity's newest instant again, or a late one: it only sets what it reports more recently. */
function mergeOlderOrSame(current: EntityValues, at: number, values: Values): EntityValues {
  let next: EntityValues | undefined;
  const copy = () => (next ??= { ...current, values: { ...current.values }, ...(current.seen ? { seen: { ...current.seen } } : {}) });
  for (const key in values) {
    const metric = key as MetricName;
    const prev = lastSeen(current, metric);
    if (prev !== undefined && at < prev) continue;
    const value = values[metric]!;
    if (at === current.at) {
      if (current.values[metric] === value && current.seen?.[metric] === undefined) continue;
      const n = copy();
      n.values[metric] = value;
      if (n.seen) delete n.seen[metric];
      continue;
    }
    // A late report: one already merged (same instant) changes nothing; a newer one than the entity
    // had of this metric is kept while it is not already stale.
    if (prev === at) continue;
    const n = copy();
    (n.seen ??= {})[metric] = at;
    if (isStaleMetric(n, metric, current.at)) delete n.values[metric];
    else n.values[metric] = value;
  }
  return next ?? current;
}

function mergeFrames(current: LiveState['sites'], frames: readonly TelemetryFrame[], pick: (f: TelemetryFrame) => TelemetryFrame['sites']) {
  let next: Record<string, EntityValues> | undefined;
  for (const frame of frames) {
    const entities = pick(frame);
    for (const id in entities) {
      const before = (next ?? current)[id];
      const after = mergeEntity(before, frame.at, entities[id]!);
      if (after !== before) (next ??= { ...current })[id] = after;
    }
  }
  return next ?? current;
}

/**
 * Applies a batch of stream events: frames merged per entity, health replaced unless older than what is
 * known, faults added or removed by id. Idempotent (the same batch twice gives the same state), and
 * unchanged parts keep their identity. The work is one copy of a record that changed plus the entities
 * in the batch.
 */
export function applyBatch(state: LiveState, batch: LiveBatch): LiveState {
  const sites = mergeFrames(state.sites, batch.frames, (f) => f.sites);
  const links = mergeFrames(state.links, batch.frames, (f) => f.links);

  let health: Record<string, SiteHealth> | undefined;
  for (const h of batch.health) {
    const known = (health ?? state.health)[h.siteId];
    if (
      known &&
      (known.since > h.since || (known.declared === h.declared && known.health === h.health && known.reason === h.reason && known.maintenanceUntil === h.maintenanceUntil && known.since === h.since))
    )
      continue;
    (health ??= { ...state.health })[h.siteId] = h;
  }

  let faults: Record<string, FaultView> | undefined;
  for (const { action, fault } of batch.faults) {
    const current = faults ?? state.faults;
    if (action === 'injected') {
      if (current[fault.id]) continue;
      (faults ??= { ...state.faults })[fault.id] = fault;
    } else if (current[fault.id]) {
      faults ??= { ...state.faults };
      delete faults[fault.id];
    }
  }

  const at = batch.frames.reduce((max, f) => Math.max(max, f.at), state.at);
  const lastEventId = Math.max(state.lastEventId, batch.lastEventId);
  if (sites === state.sites && links === state.links && !health && !faults && at === state.at && lastEventId === state.lastEventId) return state;
  return { lastEventId, at, sites, links, health: health ?? state.health, faults: faults ?? state.faults };
}

/** Events that arrived after a snapshot was taken: only those with a higher id are applied over it. */
export function eventsAfter<T extends { id: number }>(events: readonly T[], lastEventId: number): T[] {
  return events.filter((e) => e.id > lastEventId);
}
