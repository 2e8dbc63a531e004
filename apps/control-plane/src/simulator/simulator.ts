import { randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError, type FaultView, type ObservedHealth, type Sample, type SiteStatus } from '@corridor/shared';
import type { Logger } from '@corridor/http-kit';
import type { LiveState } from '../events/live-state.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { TelemetryIngest } from '../telemetry/telemetry-ingest.ts';
import { backgroundUtilisation, siteUtilisation, type RunningGpus } from './demand.ts';
import type { Fault } from './faults.ts';
import { simulateLink, simulateSite, toSamples } from './simulate.ts';

export interface SimulatorOptions {
  seed: number;
  /** Real milliseconds between ticks. */
  tickMs: number;
  /** Simulated time runs this many times faster than the wall clock (the sun moves faster for demos). */
  timeWarp: number;
  /** Sites with a real telemetry feed: not simulated, their health is what their feed (or its silence) says. */
  skipSites?: readonly string[];
}

/** The workloads a simulator draws its sites' load from, and the lifecycle it steps once per tick. */
export interface SimWorkloads {
  /** GPUs of the workloads running per site id. */
  running(): Promise<ReadonlyMap<string, readonly RunningGpus[]>>;
  /** Runs at the end of each tick, once its observed health is published (placed → running, migrations). */
  step(): Promise<unknown>;
}

export interface SimulatorDeps {
  fleet: FleetService;
  /** Where each tick's samples go: the same checks, store and live frame as `POST /v1/telemetry`. */
  ingest: Pick<TelemetryIngest, 'ingestBatch'>;
  /** Site health and fault events, which are the simulator's own (samples go through `ingest`). */
  live: Pick<LiveState, 'declare' | 'setObserved' | 'faultInjected' | 'faultCleared'>;
  logger: Logger;
  options: SimulatorOptions;
  /** Absent: every site runs on background demand alone. */
  workloads?: SimWorkloads;
  now?: () => number;
}

/** Observed health by the status the physics gives a built site (planned and under construction: nothing to observe). */
const HEALTH_OF: Partial<Record<SiteStatus, ObservedHealth>> = { operational: 'ok', maintenance: 'ok', degraded: 'degraded', offline: 'down' };

/** Why, when the physics' status is a fault's (differs from the fleet's). */
const FAULT_REASONS: Partial<Record<SiteStatus, string>> = {
  offline: 'site down (injected fault)',
  degraded: 'cooling failure (injected fault)',
};
const FLEET_REASONS: Partial<Record<SiteStatus, string>> = { offline: 'offline in the fleet file', degraded: 'degraded in the fleet file' };

/**
 * Drives the physics every tick: each site's and link's samples for the simulated instant, handed to
 * the telemetry ingest as one batch (checked, stored and published as one frame, exactly as a batch
 * posted to the API), plus health changes, then one step of the workload lifecycle. A site's load
 * comes from the workloads running there (and background demand on its other GPUs), so a workload
 * started at the end of one tick shows in its site's power from the next. Samples carry the wall-clock time they were produced at;
 * the physics (sun, season, faults) runs on simulated time, which moves `timeWarp` times faster.
 */
export class Simulator {
  private readonly faults = new Map<string, Fault & { id: string; sinceMs: number }>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly deps: SimulatorDeps) {
    this.now = deps.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** Simulated epoch ms for a wall-clock instant. */
  simTime(wallMs = this.now()): number {
    return Math.round(this.startedAt + (wallMs - this.startedAt) * this.deps.options.timeWarp);
  }

  start(): void {
    if (this.timer) return;
    void this.tickSafely();
    this.timer = setInterval(() => void this.tickSafely(), this.deps.options.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One tick; a tick still running when the next is due is not overlapped (the later one is skipped). */
  tickSafely(): Promise<void> {
    if (this.running) return this.running;
    const run = this.tick()
      .then(() => undefined)
      .catch((error: Error) => this.deps.logger.error({ err: error }, 'simulator tick failed; the next tick will retry'))
      .finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  /** A tick that sees a change just made: waits out a tick already under way (it predates the change). */
  private async tickAfterChange(): Promise<void> {
    await this.running;
    await this.tickSafely();
  }

  async tick(wallMs = this.now()): Promise<Sample[]> {
    const { fleet, ingest, live, logger, options, workloads } = this.deps;
    const simMs = this.simTime(wallMs);
    const view = await fleet.current();
    const running = (await workloads?.running()) ?? new Map<string, readonly RunningGpus[]>();
    const faults = [...this.faults.values()];
    const samples: Sample[] = [];
    live.declare(view.sites);
    const skip = new Set(options.skipSites);
    for (const site of view.sites) {
      if (skip.has(site.id)) continue;
      const utilisation = siteUtilisation(site.gpuCount, running.get(site.id) ?? [], backgroundUtilisation(site, simMs, options.seed));
      const snapshot = simulateSite(site, simMs, { utilisation, faults, seed: options.seed, windowMs: options.tickMs * options.timeWarp });
      samples.push(...toSamples({ siteId: site.id }, wallMs, snapshot.values));
      const health = HEALTH_OF[snapshot.status];
      if (health) live.setObserved(site.id, health, snapshot.status !== site.status ? FAULT_REASONS[snapshot.status] : FLEET_REASONS[snapshot.status], wallMs);
    }
    for (const link of view.links) {
      const midLon = (link.from.lon + link.to.lon) / 2;
      const snapshot = simulateLink({ id: link.id, rttMs: link.rttMs, lengthKm: link.lengthKm, midLon }, simMs, { seed: options.seed, faults });
      samples.push(...toSamples({ linkId: link.id }, wallMs, snapshot.values));
    }
    if (samples.length) {
      const { rejected } = await ingest.ingestBatch(samples);
      // Physics out of a metric's range, or a fleet changed under the tick: a fault of ours, never silent.
      if (rejected.length) logger.warn({ rejected: rejected.length, first: rejected[0] }, 'telemetry ingest refused simulated samples');
    }
    await workloads?.step();
    return samples;
  }

  /** Injects a fault on a site or link of the fleet; its effect shows at the tick this triggers. */
  async inject(input: Fault): Promise<FaultView> {
    const view = await this.deps.fleet.current();
    if (input.kind === 'cable-cut') {
      if (!view.links.some((l) => l.id === input.linkId)) throw new NotFoundError(`no link "${input.linkId}"`);
    } else if (!view.siteById.has(input.siteId)) {
      throw new NotFoundError(`no site "${input.siteId}"`);
    }
    const target = input.kind === 'cable-cut' ? input.linkId : input.siteId;
    for (const f of this.faults.values()) {
      if (f.kind === input.kind && (f.kind === 'cable-cut' ? f.linkId : f.siteId) === target) {
        throw new ConflictError(`a ${input.kind} is already in force on "${target}" (fault ${f.id})`);
      }
    }
    if (input.sinceMs !== undefined && input.sinceMs > this.simTime() + 86_400_000) {
      throw new InputError('sinceMs is more than a day ahead of simulated time', [{ field: 'sinceMs', message: 'too far in the future' }]);
    }
    const fault = { ...input, id: randomUUID(), sinceMs: input.sinceMs ?? this.simTime() };
    this.faults.set(fault.id, fault);
    this.deps.live.faultInjected(fault as FaultView);
    await this.tickAfterChange();
    return fault as FaultView;
  }

  async clear(id: string): Promise<FaultView> {
    const fault = this.faults.get(id);
    if (!fault) throw new NotFoundError(`no fault "${id}"`);
    this.faults.delete(id);
    this.deps.live.faultCleared(fault as FaultView);
    await this.tickAfterChange();
    return fault as FaultView;
  }
}
