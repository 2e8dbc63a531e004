import type { ConsoleStatus, LiveStreamStatus } from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';

/** Probes every control plane; answers are shared for `freshMs` so many consoles cost one probe. */
export class StatusService {
  private last?: { at: number; status: Promise<ConsoleStatus> };

  constructor(
    private readonly clients: ControlPlaneClient[],
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
    const upstreams = await Promise.all(
      this.clients.map(async (c) => ({ name: c.name, url: c.url, ...(await c.probe()) })),
    );
    return { ok: upstreams.every((u) => u.ok), checkedAt: new Date().toISOString(), upstreams };
  }
}
