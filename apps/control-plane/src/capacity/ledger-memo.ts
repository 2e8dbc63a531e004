import { rollUpLedger, type CapacityLedgerRow, type LedgerGroupBy, type Site } from '@corridor/shared';
import type { SiteUsage } from '../placement/plan-input.ts';
import { isPipeline, pipelineStage, siteLedgerRow, type LedgerInput } from './ledger.ts';

/*
 * The ledger's rows kept between requests: a site's row is rebuilt only when something it is computed
 * from changed (its fleet entry, live status, reservations, telemetry, the typical request, its pipeline
 * stage), and a roll-up is summed again only when a row changed. At 10,000 sites most requests rebuild
 * nothing: building every row and rolling it up cost more than the whole ledger's target (BENCHMARKS.md).
 */

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
  private readonly rollUps = new Map<LedgerGroupBy, { generation: number; rows: CapacityLedgerRow[] }>();

  /** The ledger's rows rolled up by `groupBy`, exactly as rollUpLedger(ledgerRows(input), groupBy) answers them. */
  rolledUp(input: LedgerInput, groupBy: LedgerGroupBy): CapacityLedgerRow[] {
    this.refresh(input);
    const held = this.rollUps.get(groupBy);
    if (held?.generation === this.generation) return [...held.rows];
    const rows = rollUpLedger(this.rows, groupBy);
    this.rollUps.set(groupBy, { generation: this.generation, rows });
    return [...rows];
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
