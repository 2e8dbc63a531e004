import type { GpuModel, Link, PolicyPackFile, Site, SiteStatus, WorkloadRequest } from '@corridor/shared';

/** The policy pack as loaded: the file, its content hash, and lookups derived once. */
export interface LoadedPolicy {
  /** Content hash of data/policy/ (e.g. `sha256:…` shortened); shown everywhere as the policy version. */
  version: string;
  pack: PolicyPackFile;
}

/** What is already held on a site: reserved GPUs by model and reserved IT power. */
export interface SiteUsage {
  gpus: Partial<Record<GpuModel, number>>;
  powerKw: number;
}

/** What live telemetry says about a site now, when there is telemetry. */
export interface SiteLive {
  /** Carbon intensity now, gCO2/kWh (grid less on-site solar). */
  carbonGPerKwh?: number;
  /** Observed status when it differs from the fleet's (e.g. `offline` during a site-down fault). */
  status?: SiteStatus;
  /** ISO 8601 end of the maintenance window in force (status `maintenance` from a window). */
  maintenanceUntil?: string;
}

/**
 * Everything the placement engine needs. The engine is pure: the same input gives the same plan.
 * (request, fleet, live free capacity, policy, link model, time) → plan.
 */
export interface PlanInput {
  request: WorkloadRequest;
  fleet: { version: string; sites: readonly Site[]; links: readonly Link[] };
  /** Reserved capacity per site id; a site absent here has nothing reserved. */
  usage: ReadonlyMap<string, SiteUsage>;
  /** Live figures per site id; absent means use the fleet file's figures. */
  live: ReadonlyMap<string, SiteLive>;
  policy: LoadedPolicy;
  /** The instant the plan is for. */
  at: Date;
  /** Sites to leave out as candidates (rejected with SITE_NOT_OPERATIONAL), e.g. the site a migration leaves. */
  exclude?: ReadonlySet<string>;
  /**
   * Judge and list only these sites (a re-plan of the few a change touched); the whole fleet still
   * counts for what a plan reads fleet-wide (the scarcity part's lawful supply and reach).
   */
  only?: ReadonlySet<string>;
}
