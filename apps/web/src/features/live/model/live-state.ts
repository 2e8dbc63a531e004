import type { FaultView, LiveSnapshot, MetricName, SiteHealth, TelemetryFrame } from '@corridor/shared';

/** Latest values of one site or link, in base units, and the instant of the newest frame that set them. */
export interface EntityValues {
  /** Epoch ms of the newest frame merged in. */
  at: number;
  values: Partial<Record<MetricName, number>>;
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

/**
 * Merges one entity's values from a frame. A newer (or same-instant) frame sets its metrics; an older
 * one only fills metrics the entity has never had, so a late or replayed frame never overwrites
 * newer values. Returns the same object when nothing changes.
 */
export function mergeEntity(current: EntityValues | undefined, at: number, values: EntityValues['values']): EntityValues {
  if (!current) return { at, values: { ...values } };
  if (at >= current.at) {
    let changed = at !== current.at;
    for (const key in values) {
      if (current.values[key as MetricName] !== values[key as MetricName]) {
        changed = true;
        break;
      }
    }
    return changed ? { at, values: { ...current.values, ...values } } : current;
  }
  let filled: EntityValues['values'] | undefined;
  for (const key in values) {
    if (current.values[key as MetricName] === undefined) (filled ??= { ...current.values })[key as MetricName] = values[key as MetricName];
  }
  return filled ? { at: current.at, values: filled } : current;
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
    if (known && (known.since > h.since || (known.status === h.status && known.reason === h.reason && known.since === h.since))) continue;
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
