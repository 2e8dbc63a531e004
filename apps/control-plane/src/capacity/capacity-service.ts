import {
  ANNUAL_PUE_DAYS,
  DEFAULT_TYPICAL_REQUEST_GPUS,
  ENERGY_PERIODS,
  energyRatios,
  rollUpEnergy,
  roundMw,
  TYPICAL_REQUEST_DEFINITION,
  type CapacityLedger,
  type CapacityLedgerQuery,
  type EnergyQuery,
  type EnergyReport,
  type EnergyRow,
  type Bloc,
  type SiteMetricName,
} from '@corridor/shared';
import type { Db } from '@corridor/store';
import type { ActingAs } from '../auth/acting-as.ts';
import type { LiveState } from '../events/live-state.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { WorkloadService } from '../placement/workload-service.ts';
import { readBlocs, readEnergyBySite } from './capacity-store.ts';
import type { LedgerInput } from './ledger.ts';
import { LedgerRowMemo } from './ledger-memo.ts';
import { ReservationsCache } from './reservations-cache.ts';

export interface CapacityServiceDeps {
  db: Db;
  fleet: FleetService;
  live: Pick<LiveState, 'siteValue'>;
  /** The live status placement reads (maintenance windows, observed health) and the policy version. */
  workloads: Pick<WorkloadService, 'liveFigures' | 'policy'>;
  now?: () => number;
}

const H = 3_600_000;
/** Tenants whose own ledger rows are kept between requests; beyond, the kept ones are dropped. */
const MAX_TENANT_MEMOS = 64;
const J_PER_MWH = 3.6e9;
const METRIC = {
  itPower: 'site_it_power_watts',
  busy: 'site_gpus_busy',
  availability: 'site_availability_ratio',
} as const satisfies Record<string, SiteMetricName>;

/**
 * The capacity ledger and energy reports of the sites this control plane holds (issue 12). A BFF
 * federating several control planes asks each for its site rows and rolls them up itself with the same
 * shared code (rollUpLedger, rollUpEnergy).
 */
export class CapacityService {
  private readonly now: () => number;
  /** Every reservation, read again only when the audit head moved (reservations-cache.ts). */
  readonly reservations: ReservationsCache;
  private blocs?: { fleetVersion: string; blocsOf: Promise<Map<string, Bloc[]>> };
  private readonly fleetRows = new LedgerRowMemo();
  private readonly tenantRows = new Map<string, LedgerRowMemo>();

  constructor(private readonly deps: CapacityServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.reservations = new ReservationsCache(deps.db);
  }

  /** The ledger, by site or rolled up; a tenant's `committed` is its own workloads' only. */
  async ledger(query: CapacityLedgerQuery, scope: Pick<ActingAs, 'tenant'> = {}): Promise<CapacityLedger> {
    const { live, workloads } = this.deps;
    const fleet = await this.deps.fleet.current();
    const tenant = scope.tenant;
    const [blocsOf, { usage, medianGpus: typical }, ownUsage] = await Promise.all([
      this.blocsOf(fleet.version),
      this.reservations.all(),
      tenant !== undefined ? this.reservations.ofTenant(tenant) : undefined,
    ]);
    const status = workloads.liveFigures(fleet.sites);
    const typicalGpus = Math.max(1, typical ?? DEFAULT_TYPICAL_REQUEST_GPUS);
    const nowMs = this.now();
    const input: LedgerInput = {
      sites: fleet.sites,
      blocsOf,
      usage,
      ...(ownUsage ? { ownUsage } : {}),
      liveStatus: (id) => status.get(id)?.status,
      measures: (id) => ({
        itPowerW: live.siteValue(id, METRIC.itPower),
        gpusBusy: live.siteValue(id, METRIC.busy),
        availability: live.siteValue(id, METRIC.availability),
      }),
      typicalGpus,
      now: new Date(nowMs),
    };
    return {
      groupBy: query.groupBy,
      asOf: new Date(nowMs).toISOString(),
      fleetVersion: fleet.version,
      policyVersion: workloads.policy.version,
      audience: tenant !== undefined ? 'tenant' : 'fleet',
      ...(tenant !== undefined ? { tenant } : {}),
      typicalRequest: { gpus: typicalGpus, definition: TYPICAL_REQUEST_DEFINITION },
      rows: this.memoFor(tenant).rolledUp(input, query.groupBy),
    };
  }

  /** Jurisdictions are synced with the fleet, in its transaction: read once per fleet version. */
  private blocsOf(fleetVersion: string): Promise<Map<string, Bloc[]>> {
    if (this.blocs?.fleetVersion !== fleetVersion) {
      const blocsOf = readBlocs(this.deps.db);
      this.blocs = { fleetVersion, blocsOf };
      blocsOf.catch(() => {
        if (this.blocs?.blocsOf === blocsOf) this.blocs = undefined;
      });
    }
    return this.blocs.blocsOf;
  }

  private memoFor(tenant: string | undefined): LedgerRowMemo {
    if (tenant === undefined) return this.fleetRows;
    let memo = this.tenantRows.get(tenant);
    if (!memo) {
      if (this.tenantRows.size >= MAX_TENANT_MEMOS) this.tenantRows.clear();
      this.tenantRows.set(tenant, (memo = new LedgerRowMemo()));
    }
    return memo;
  }

  /** Energy over whole hours (from floored, to raised), per site or rolled up. */
  async energy(query: EnergyQuery): Promise<EnergyReport> {
    const nowMs = this.now();
    const { fromMs, toMs } = energyRange(query, nowMs);
    const fleet = await this.deps.fleet.current();
    const [blocsOf, sums] = await Promise.all([this.blocsOf(fleet.version), readEnergyBySite(this.deps.db, fromMs, toMs)]);
    const rows: EnergyRow[] = fleet.sites.map((site) => {
      const s = sums.get(site.id);
      const mwh = (j: number | undefined) => roundMw((j ?? 0) / J_PER_MWH);
      const figures = {
        facilityMwh: mwh(s?.facilityJ),
        itMwh: mwh(s?.itJ),
        onSiteSolarMwh: mwh(s?.solarJ),
        gridMwh: mwh(s?.gridJ),
        renewableMwh: mwh(s?.renewableJ),
        // MWh × g/kWh = kg; ÷ 1000 = t.
        tco2e: roundMw((((s?.gridJ ?? 0) / J_PER_MWH) * site.gridCarbonGPerKwh) / 1000),
        hoursWithData: s?.hoursWithData ?? 0,
      };
      return {
        key: site.id,
        site: { id: site.id, name: site.name, country: site.country, blocs: [...(blocsOf.get(site.country) ?? [])], gridCarbonGPerKwh: site.gridCarbonGPerKwh },
        sites: 1,
        ...figures,
        ...energyRatios(figures),
      };
    });
    return {
      groupBy: query.groupBy,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      hours: (toMs - fromMs) / H,
      asOf: new Date(nowMs).toISOString(),
      fleetVersion: fleet.version,
      pueBasis: pueBasis(fromMs, toMs, nowMs, rows),
      carbonBasis: 'location-based',
      rows: rollUpEnergy(rows, query.groupBy),
    };
  }
}

/** The whole hours a query covers: a period ends at the next hour boundary after now (or after `to`). */
export function energyRange(query: EnergyQuery, nowMs: number): { fromMs: number; toMs: number } {
  const ceilHour = (ms: number) => Math.ceil(ms / H) * H;
  if (query.period !== undefined) {
    const toMs = ceilHour(query.to ?? nowMs);
    return { fromMs: toMs - ENERGY_PERIODS[query.period] * 24 * H, toMs };
  }
  return { fromMs: Math.floor(query.from! / H) * H, toMs: ceilHour(query.to!) };
}

/** A site's data covers the period when it has facility energy for this share of its hours. */
export const ANNUAL_COVERAGE = 0.95;

/**
 * ISO/IEC 30134-2 defines PUE over a year: annual only for a period of a year or more that has ended,
 * with every site that reports having data for ANNUAL_COVERAGE of its hours (a site that reported for a
 * month does not give an annual figure, whatever the period asked).
 */
export function pueBasis(fromMs: number, toMs: number, nowMs: number, rows: readonly Pick<EnergyRow, 'hoursWithData'>[]): EnergyReport['pueBasis'] {
  const hours = (toMs - fromMs) / H;
  const reporting = rows.filter((r) => r.hoursWithData > 0);
  const covered = reporting.length > 0 && reporting.every((r) => r.hoursWithData >= ANNUAL_COVERAGE * hours);
  return hours >= ANNUAL_PUE_DAYS * 24 && toMs <= Math.ceil(nowMs / H) * H && covered ? 'annual' : 'interim';
}
