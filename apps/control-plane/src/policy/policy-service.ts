import { ConflictError, type PolicyReload } from '@corridor/shared';
import type { Logger } from '@corridor/http-kit';
import type { Db } from '@corridor/store';
import { recordAudit, recordPolicyLoad } from '../audit/audit-log.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { LoadedPolicy } from '../placement/plan-input.ts';
import { loadPolicyPack, PolicyPackError } from '../placement/policy-pack.ts';
import type { TimelineSink } from '../noc/ports.ts';
import { flaggedEntry, recheckEntry, unflaggedEntry } from './policy-events.ts';
import type { PolicyInForce } from './policy-in-force.ts';
import { lastCheckedVersion, recheckWorkloads, type RecheckOutcome } from './policy-recheck.ts';

export interface PolicyServiceDeps {
  db: Db;
  fleet: Pick<FleetService, 'current'>;
  policy: PolicyInForce;
  /** The pack's folder, read again on each reload. */
  dir: string;
  logger: Logger;
  /** Where a re-check that flagged or unflagged something is told (kind `policy`); none: not recorded. */
  timeline?: TimelineSink;
  now?: () => number;
}

/**
 * Policy changes re-check what runs (issue 15). At start, when the pack's version differs from the one
 * the store's workloads were last checked against, and on each reload that changes the version, every
 * placed and running workload is re-evaluated (policy-recheck.ts): flagged, audited, never moved.
 *
 * A reload (SIGHUP, or POST /v1/policy/reload for an admin) reads the folder again and validates the
 * whole pack first: an invalid one is refused with the reason (audited) and the pack in force stays.
 */
export class PolicyService {
  private readonly now: () => number;
  /** Reloads take turns: two at once would re-check against a pack the other is replacing. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PolicyServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** At start: re-checks the workloads when the pack in force is not the one they were last checked against. */
  async start(): Promise<RecheckOutcome | undefined> {
    const { db, policy, logger } = this.deps;
    if ((await lastCheckedVersion(db)) === policy.version) return undefined;
    const outcome = await this.recheck('system');
    logger.info(summary(outcome), 'workloads re-checked against the policy pack');
    return outcome;
  }

  /** Reads the pack's folder again; the new version, if valid and different, is put in force and re-checked. */
  reload(actor: string): Promise<PolicyReload> {
    const next = this.turn.then(() => this.reloadNow(actor));
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(actor: string): Promise<PolicyReload> {
    const { db, policy, dir, logger } = this.deps;
    const previousVersion = policy.version;
    let loaded: LoadedPolicy;
    try {
      loaded = loadPolicyPack(dir);
    } catch (error) {
      if (!(error instanceof PolicyPackError)) throw error;
      const at = new Date(this.now());
      await recordAudit(db, { actor, action: 'policy-reload-refused', subject: `policy:${previousVersion}`, detail: { inForce: previousVersion, reason: error.message } }, at);
      logger.warn({ policyVersion: previousVersion, reason: error.message }, 'policy reload refused: the pack in force stays');
      throw new ConflictError(`policy reload refused: version ${previousVersion} stays in force. ${error.message}`);
    }
    if (loaded.version === previousVersion) return { previousVersion, version: previousVersion, changed: false, checked: 0, flagged: 0, unflagged: 0 };

    await recordPolicyLoad(db, loaded, new Date(this.now()));
    policy.use(loaded);
    const outcome = await this.recheck(actor);
    logger.info({ ...summary(outcome), actor }, 'policy reloaded; workloads re-checked');
    const { checked, flagged, unflagged } = outcome;
    return { previousVersion, version: loaded.version, changed: true, checked, flagged, unflagged };
  }

  private async recheck(actor: string): Promise<RecheckOutcome> {
    const fleet = await this.deps.fleet.current();
    const outcome = await recheckWorkloads(this.deps.db, this.deps.policy, fleet.siteById, new Date(this.now()), actor);
    if (outcome.flaggedNow.length > 0 || outcome.unflaggedNow.length > 0) {
      this.note(recheckEntry(outcome, actor));
      for (const { workload, flag } of outcome.flaggedNow) this.note(flaggedEntry(workload, flag, actor));
      for (const { workload, was } of outcome.unflaggedNow) this.note(unflaggedEntry(workload, was, outcome.version, actor));
    }
    return outcome;
  }

  /** On the timeline once the re-check is committed; it stands whether or not the entry is written. */
  private note(input: Parameters<TimelineSink['record']>[0]): void {
    this.deps.timeline?.record(input).catch(() => undefined); // TimelineService logs its own failures
  }
}

const summary = (o: RecheckOutcome) => ({ from: o.previousVersion, to: o.version, checked: o.checked, flagged: o.flagged, unflagged: o.unflagged });
