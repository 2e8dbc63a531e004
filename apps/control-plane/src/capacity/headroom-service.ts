import {
  FORECAST_QUARTERS,
  NotFoundError,
  SOVEREIGN_FIGURES,
  type CapacityForecast,
  type DemandClass,
  type ForecastQuery,
  type HeadroomQuery,
  type PolicyPackFile,
  type SiteLoss,
  type SiteLossRequest,
  type SovereignHeadroom,
  type Workload,
} from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { ActingAs } from '../auth/acting-as.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { WorkloadService } from '../placement/workload-service.ts';
import { ACTIVE_STATES, listWorkloads } from '../placement/workload-store.ts';
import type { CapacityService } from './capacity-service.ts';
import { classForecast, forecastMethod } from './forecast.ts';
import { classesOf, demandClasses } from './headroom-classes.ts';
import { classHeadroom, type CommittedWorkload, type SovereignInput } from './headroom.ts';
import { readActiveWorkloads, readDemandSpans } from './headroom-store.ts';
import { largestSite, siteLoss } from './site-loss.ts';
import { siteFacts } from '../placement/site-facts.ts';

export interface SovereignCapacityDeps {
  db: Db;
  fleet: FleetService;
  /** The live status and carbon placement reads, and the policy pack in force. */
  workloads: Pick<WorkloadService, 'liveFigures' | 'policy'>;
  /** The ledger: free GPUs and MW per site, as every view counts them. */
  capacity: Pick<CapacityService, 'ledger' | 'reservations'>;
  now?: () => number;
}

const WEEK_MS = 7 * 86_400_000;
const classCache = new WeakMap<PolicyPackFile, DemandClass[]>();

/** The pack's classes, derived once per loaded pack. */
function classesFor(pack: PolicyPackFile): DemandClass[] {
  let classes = classCache.get(pack);
  if (!classes) classCache.set(pack, (classes = demandClasses(pack)));
  return classes;
}

/**
 * Sovereign headroom, N-1 and forecast (issue 12): capacity read through the policy pack. Reads only:
 * nothing here reserves, moves or audits.
 *
 * What a tenant user sees (scope.tenant): the classes of its own workloads that hold capacity now (for
 * the forecast: that held any over the weeks read); committed, demand and the N-1 workloads are its own
 * only. Lawful, free and pipeline figures are the fleet's supply, which any plan of its own already
 * shows it; other tenants' workloads, their classes and their counts never appear.
 */
export class SovereignCapacityService {
  private readonly now: () => number;

  constructor(private readonly deps: SovereignCapacityDeps) {
    this.now = deps.now ?? Date.now;
  }

  private async input(): Promise<SovereignInput> {
    const fleet = await this.deps.fleet.current();
    // The ledger's own reservations (read again only when the audit head moved), not a second sum of them.
    const [{ usage }, ledger] = await Promise.all([this.deps.capacity.reservations.all(), this.deps.capacity.ledger({ groupBy: 'site' })]);
    return {
      fleet,
      usage,
      live: this.deps.workloads.liveFigures(fleet.sites),
      policy: this.deps.workloads.policy,
      ledger: new Map(ledger.rows.map((row) => [row.key, row])),
      at: new Date(this.now()),
    };
  }

  private header(input: SovereignInput, scope: Pick<ActingAs, 'tenant'>) {
    return {
      asOf: input.at.toISOString(),
      fleetVersion: input.fleet.version,
      policyVersion: input.policy.version,
      audience: scope.tenant !== undefined ? ('tenant' as const) : ('fleet' as const),
      ...(scope.tenant !== undefined ? { tenant: scope.tenant } : {}),
    };
  }

  async headroom(query: HeadroomQuery, scope: Pick<ActingAs, 'tenant'> = {}): Promise<SovereignHeadroom> {
    const [input, active] = await Promise.all([this.input(), readActiveWorkloads(this.deps.db, scope.tenant)]);
    const pack = input.policy.pack;
    const classes = classesFor(pack);
    const committed: CommittedWorkload[] = active.map((w) => ({ ...w, classIds: classesOf(pack, classes, w.request) }));
    const shown = scope.tenant === undefined ? classes : classes.filter((c) => committed.some((w) => w.classIds.includes(c.id)));
    const largest = largestSite(siteFacts(input.fleet.sites));
    return {
      ...this.header(input, scope),
      definitions: { ...SOVEREIGN_FIGURES },
      classes: shown.map((cls) => classHeadroom(input, cls, committed, query)),
      ...(largest ? { largestSiteId: largest.id } : {}),
    };
  }

  /** What losing `siteId` would do now. 404 for a site the fleet does not have. */
  async siteLoss(body: SiteLossRequest, scope: Pick<ActingAs, 'tenant'> = {}): Promise<SiteLoss> {
    const input = await this.input();
    if (!input.fleet.sites.some((s) => s.id === body.siteId)) throw new NotFoundError(`no site "${body.siteId}"`);
    const onSite = (await listWorkloads(this.deps.db, { site: body.siteId })).filter((w) => (ACTIVE_STATES as readonly string[]).includes(w.state));
    const pack = input.policy.pack;
    const classes = classesFor(pack);
    const classIdsOf = (w: Workload) => classesOf(pack, classes, w);
    // Every workload on the site is re-placed (others' moves take room too); a tenant is shown its own.
    const own = scope.tenant === undefined ? undefined : await readActiveWorkloads(this.deps.db, scope.tenant);
    const ownClasses = own ? classes.filter((c) => own.some((w) => classesOf(pack, classes, w.request).includes(c.id))) : classes;
    const loss = siteLoss({ ...input, siteId: body.siteId, onSite, classes: ownClasses, classIdsOf });
    const workloads = scope.tenant === undefined ? loss.workloads : loss.workloads.filter((w) => w.tenant === scope.tenant);
    const count = (list: typeof workloads) => list.reduce((n, w) => n + w.gpuCount, 0);
    const rePlaced = workloads.filter((w) => w.outcome === 're-placed');
    const stranded = workloads.filter((w) => w.outcome === 'stranded');
    return {
      ...this.header(input, scope),
      dryRun: true,
      ...loss,
      site: scope.tenant === undefined ? loss.site : { ...loss.site, committedGpus: count(workloads) },
      summary: { workloads: workloads.length, rePlaced: rePlaced.length, stranded: stranded.length, gpusRePlaced: count(rePlaced), gpusStranded: count(stranded) },
      workloads,
    };
  }

  async forecast(query: ForecastQuery, scope: Pick<ActingAs, 'tenant'> = {}): Promise<CapacityForecast> {
    const input = await this.input();
    const sinceMs = input.at.getTime() - query.weeks * WEEK_MS;
    const pack = input.policy.pack;
    const classes = classesFor(pack);
    const spans = (await readDemandSpans(this.deps.db, sinceMs, scope.tenant)).map((s) => ({ ...s, classIds: classesOf(pack, classes, s.request) }));
    const shown = scope.tenant === undefined ? classes : classes.filter((c) => spans.some((s) => s.classIds.includes(c.id)));
    return {
      ...this.header(input, scope),
      method: { kind: 'linear-least-squares', weeks: query.weeks, quarters: FORECAST_QUARTERS, description: forecastMethod(query.weeks, FORECAST_QUARTERS) },
      classes: shown.map((cls) => classForecast(input, cls, spans, query.weeks)),
    };
  }
}
