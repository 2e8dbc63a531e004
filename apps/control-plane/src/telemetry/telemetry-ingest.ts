import { TELEMETRY_LIMITS, partitionSamples, type Sample } from '@corridor/shared';
import { CounterMemory, readOtlpPoints, toSamples, type OtlpEnvelope, type PointRejection } from './otlp.ts';
import type { EntityKind, TelemetryStore } from './telemetry-store.ts';

/** Where accepted samples go once stored: the live stream (LiveState in production). */
export interface SamplePublisher {
  publishSamples(samples: readonly Sample[]): void;
}

/** The answer to a JSON batch: accepted samples (new or already stored) and each rejected one's reason. */
export interface BatchResult {
  accepted: number;
  /** Accepted samples that were already stored (same metric, entity and instant): nothing changed. */
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

export interface OtlpResult {
  total: number;
  rejected: PointRejection[];
}

const entityOf = (s: Sample): [EntityKind, string] => (s.siteId !== undefined ? ['site', s.siteId] : ['link', s.linkId!]);

/**
 * Checks, stores and publishes telemetry from the API. Every sample is judged on its own: the schema
 * (metric, scope, range), the time (at most 5 min ahead of this clock, not older than the raw retention
 * — older samples could no longer be recognised as duplicates) and the entity (a site or link of this
 * control plane's fleet). Rejected samples are never stored.
 */
export class TelemetryIngest {
  private readonly counters = new CounterMemory();

  constructor(
    private readonly store: TelemetryStore,
    private readonly live: SamplePublisher,
    private readonly now: () => number = Date.now,
  ) {}

  async ingestBatch(items: readonly unknown[]): Promise<BatchResult> {
    const nowMs = this.now();
    const oldestMs = nowMs - this.store.retention.rawMs;
    const { accepted: valid, rejected } = partitionSamples(items);
    // valid[k] is items[indexOf[k]]: partitionSamples keeps the order.
    const invalid = new Set(rejected.map((r) => r.index));
    const indexOf = items.map((_, index) => index).filter((index) => !invalid.has(index));

    const timely: { sample: Sample; index: number }[] = [];
    valid.forEach((sample, k) => {
      const index = indexOf[k]!;
      if (sample.at > nowMs + TELEMETRY_LIMITS.maxFutureSkewMs) rejected.push({ index, reason: "at: more than 5 minutes ahead of the receiver's clock" });
      else if (sample.at < oldestMs) rejected.push({ index, reason: `at: older than the raw retention window (${Math.round(this.store.retention.rawMs / 3_600_000)} h)` });
      else timely.push({ sample, index });
    });
    const unknown = await this.unknownEntities(timely.map(({ sample }) => entityOf(sample)));
    const accepted: Sample[] = [];
    for (const { sample, index } of timely) {
      const [kind, id] = entityOf(sample);
      if (unknown.has(`${kind}:${id}`)) rejected.push({ index, reason: `${kind}Id: no ${kind} "${id}"` });
      else accepted.push(sample);
    }

    const { inserted } = await this.store.insert(accepted);
    if (accepted.length) this.live.publishSamples(accepted);
    return { accepted: accepted.length, duplicates: accepted.length - inserted, rejected: rejected.sort((a, b) => a.index - b.index) };
  }

  async ingestOtlp(envelope: OtlpEnvelope): Promise<OtlpResult> {
    const nowMs = this.now();
    const { candidates, rejected, total } = readOtlpPoints(envelope, nowMs, nowMs - this.store.retention.rawMs);
    const unknown = await this.unknownEntities(candidates.map((c) => [c.entityKind, c.entityId]));
    const known = candidates.filter((c) => {
      if (!unknown.has(`${c.entityKind}:${c.entityId}`)) return true;
      rejected.push({ path: c.path, name: c.name, reason: `${c.entityKind}.id: no ${c.entityKind} "${c.entityId}"` });
      return false;
    });
    const converted = toSamples(known, this.counters);
    rejected.push(...converted.rejected);
    await this.store.insert(converted.samples);
    converted.commit();
    if (converted.samples.length) this.live.publishSamples(converted.samples);
    return { total, rejected };
  }

  /** `kind:id` of every entity named that is not in the fleet. */
  private async unknownEntities(entities: readonly [EntityKind, string][]): Promise<Set<string>> {
    const unknown = new Set<string>();
    for (const kind of ['site', 'link'] as const) {
      const ids = [...new Set(entities.filter(([k]) => k === kind).map(([, id]) => id))];
      if (ids.length === 0) continue;
      const known = await this.store.knownEntities(kind, ids);
      for (const id of ids) if (!known.has(id)) unknown.add(`${kind}:${id}`);
    }
    return unknown;
  }
}
