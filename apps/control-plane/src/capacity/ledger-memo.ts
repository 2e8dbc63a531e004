import { groupKeys, rollUpLedger, type CapacityLedgerRow, type LedgerGroupBy, type Site } from '@corridor/shared';
import type { SiteUsage } from '../placement/plan-input.ts';
import { isPipeline, pipelineStage, siteLedgerRow, type LedgerInput } from './ledger.ts';

/*
 * The ledger's rows kept between requests: a site's row is rebuilt only when something it is computed
 * from changed (its fleet entry, live status, reservations, telemetry, the typical request, its pipeline
 * stage), and a roll-up is summed again only when a row changed — and then only the groups (countries,
 * blocs) of the rows that changed: just after a commit, one country's sites instead of all 10,000. At
 * 10,000 sites most requests rebuild nothing: building every row and rolling it up cost more than the
 * whole ledger's target (BENCHMARKS.md).
 */

/** A roll-up as last answered: its rows by key, the site rows it was summed from, and each group's members (site row indices, in order). */
interface HeldRollUp {
  generation: number;
  sites: readonly Site[];
  from: CapacityLedgerRow[];
  byKey: Map<string, CapacityLedgerRow>;
  members: Map<string, number[]>;
}

/** Everything siteLedgerRow reads of one site, compared by value (objects by identity: they are kept while unchanged). */
interface RowInputs {
  site: Site;
  blocs: unknown;
  status: Site['status'] | undefined;
  usage: SiteUsage | undefined;
  shown: SiteUsage | undefined;
  itPowerW: number | undefined;
  gpusBusy: number | undefined;
  availability: number | undefined;
  typicalGpus: number;
  stage: string | undefined;
  row: CapacityLedgerRow;
}

export class LedgerRowMemo {
  private bySite = new Map<string, RowInputs>();
  private sites?: readonly Site[];
  private rows: CapacityLedgerRow[] = [];
  /** Bumped whenever a row is rebuilt or the list of sites changes: roll-ups of an older generation are stale. */
  private generation = 0;
  private readonly rollUps = new Map<LedgerGroupBy, HeldRollUp>();

  /** The ledger's rows rolled up by `groupBy`, exactly as rollUpLedger(ledgerRows(input), groupBy) answers them. */
  rolledUp(input: LedgerInput, groupBy: LedgerGroupBy): CapacityLedgerRow[] {
    this.refresh(input);
    if (groupBy === 'site') return [...this.rows];
    let held = this.rollUps.get(groupBy);
    if (held?.generation !== this.generation) {
      held = (held && this.updated(held, groupBy)) ?? this.rolledUpAnew(groupBy);
      this.rollUps.set(groupBy, held);
    }
    return [...held.byKey.values()];
  }

  private rolledUpAnew(groupBy: LedgerGroupBy): HeldRollUp {
    const members = new Map<string, number[]>();
    this.rows.forEach((row, i) => {
      if (row.site) for (const key of groupKeys(row.site, groupBy)) (members.get(key) ?? members.set(key, []).get(key)!).push(i);
    });
    const byKey = new Map(rollUpLedger(this.rows, groupBy).map((row) => [row.key, row]));
    return { generation: this.generation, sites: this.sites!, from: [...this.rows], byKey, members };
  }

  /**
   * The held roll-up with only the groups of the changed rows summed again, each over its members in the
   * fleet's order (the order a full roll-up adds them in, so the sums are the same to the last bit);
   * undefined when the sites or a changed row's groups are not those held (then it is summed anew).
   */
  private updated(held: HeldRollUp, groupBy: LedgerGroupBy): HeldRollUp | undefined {
    if (held.sites !== this.sites) return undefined;
    const dirty = new Set<string>();
    for (let i = 0; i < this.rows.length; i++) {
      const before = held.from[i]!;
      const now = this.rows[i]!;
      if (before === now) continue;
      const keys = now.site ? groupKeys(now.site, groupBy) : [];
      const keysBefore = before.site ? groupKeys(before.site, groupBy) : [];
      if (keys.join('\n') !== keysBefore.join('\n')) return undefined;
      for (const key of keys) dirty.add(key);
    }
    for (const key of dirty) {
      const group = held.members.get(key)!.map((i) => this.rows[i]!);
      held.byKey.set(
        key,
        rollUpLedger(group, groupBy).find((row) => row.key === key)!,
      );
    }
    held.from = [...this.rows];
    held.generation = this.generation;
    return held;
  }

  private refresh(input: LedgerInput): void {
    if (input.sites !== this.sites) {
      // Another fleet version: rows of sites no longer in it go; the others are compared as usual.
      const ids = new Set(input.sites.map((s) => s.id));
      for (const id of this.bySite.keys()) if (!ids.has(id)) this.bySite.delete(id);
      this.sites = input.sites;
      this.rows = new Array<CapacityLedgerRow>(input.sites.length);
      this.generation++;
    }
    let changed = false;
    // Compared field by field before anything is allocated: at 10,000 sites, most reads rebuild nothing.
    for (let i = 0; i < input.sites.length; i++) {
      const site = input.sites[i]!;
      const id = site.id;
      const usage = input.usage.get(id);
      const shown = input.ownUsage ? input.ownUsage.get(id) : usage;
      const blocs = input.blocsOf.get(site.country);
      const status = input.liveStatus(id);
      const { itPowerW, gpusBusy, availability } = input.measures(id);
      const stage = isPipeline(site) ? pipelineStage(site, input.now) : undefined;
      const held = this.bySite.get(id);
      if (
        held &&
        held.site === site &&
        held.blocs === blocs &&
        held.status === status &&
        held.usage === usage &&
        held.shown === shown &&
        held.itPowerW === itPowerW &&
        held.gpusBusy === gpusBusy &&
        held.availability === availability &&
        held.typicalGpus === input.typicalGpus &&
        held.stage === stage
      ) {
        this.rows[i] = held.row;
        continue;
      }
      const row = siteLedgerRow(site, input);
      this.bySite.set(id, { site, blocs, status, usage, shown, itPowerW, gpusBusy, availability, typicalGpus: input.typicalGpus, stage, row });
      this.rows[i] = row;
      changed = true;
    }
    if (changed) this.generation++;
  }
}
