import type { PolicyPackFile } from '@corridor/shared';
import type { LoadedPolicy } from '../placement/plan-input.ts';

/**
 * The policy pack in force, for everyone who holds "the policy": the planner, drains, capacity and
 * GET /v1/policy read `version` and `pack` through it on every use, so a reload (policy-service.ts)
 * changes what they all see at once, without any of them holding a copy that goes stale.
 */
export class PolicyInForce implements LoadedPolicy {
  private current: LoadedPolicy;

  constructor(initial: LoadedPolicy) {
    this.current = initial;
  }

  get version(): string {
    return this.current.version;
  }

  get pack(): PolicyPackFile {
    return this.current.pack;
  }

  /** Puts `next` in force; answers the one it replaces. */
  use(next: LoadedPolicy): LoadedPolicy {
    const previous = this.current;
    this.current = { version: next.version, pack: next.pack };
    return previous;
  }
}
