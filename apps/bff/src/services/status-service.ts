import type { ConsoleStatus, LiveStreamStatus } from '@corridor/shared';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';

/** Probes every control plane of the set; answers are shared for `freshMs` so many consoles cost one probe. */
export class StatusService {
  private last?: { at: number; status: Promise<ConsoleStatus> };

  constructor(
    private readonly planes: ControlPlaneSet,
    private readonly freshMs = 1000,
    /** The live stream's state, read fresh on every call (it costs no request). */
    private readonly stream?: () => LiveStreamStatus | undefined,
  ) {}

  /** `maxAgeMs: 0` probes now (the live stream announcing a change must not repeat an older answer). */
  current(maxAgeMs = this.freshMs): Promise<ConsoleStatus> {
    const now = Date.now();
    if (!this.last || now - this.last.at >= maxAgeMs) this.last = { at: now, status: this.probe() };
    const stream = this.stream?.();
    return stream ? this.last.status.then((s) => ({ ...s, stream })) : this.last.status;
  }

  private async probe(): Promise<ConsoleStatus> {
    const upstreams = await this.planes.probeEach();
    return { ok: upstreams.every((u) => u.ok), checkedAt: new Date().toISOString(), upstreams };
  }
}
