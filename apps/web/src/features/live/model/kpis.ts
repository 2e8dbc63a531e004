import type { EntityValues } from './live-state.ts';

/** The fleet's live headline figures, each in the unit the header shows. */
export interface FleetKpis {
  /** Σ facility power of the sites reporting, in MW. */
  facilityPowerMw: number;
  /** Σ IT power, in MW. */
  itPowerMw: number;
  /** Power-weighted PUE: Σ facility ÷ Σ IT over the sites reporting both; undefined without IT load. */
  pue?: number;
  /** Renewable share weighted by facility power, 0–1; undefined without facility load. */
  renewableShare?: number;
  /** GPUs busy (measured): the ledger's "in use"; never the GPUs committed (reserved). */
  gpusBusy: number;
  /** Sites reporting GPUs busy: none, and "in use" has no data (not 0). */
  gpusReporting: number;
  /** Sites with at least one value. */
  sitesReporting: number;
}

/**
 * Sums the latest value of every site (or of `only`: the sites of the chosen country). PUE and renewable
 * share are weighted by power (a 100 MW site counts 100 times a 1 MW one), never a plain mean of per-site ratios.
 */
export function fleetKpis(sites: Readonly<Record<string, EntityValues>>, only?: ReadonlySet<string>): FleetKpis {
  let facilityW = 0;
  let itW = 0;
  let pueFacilityW = 0;
  let pueItW = 0;
  let renewableW = 0;
  let renewableBaseW = 0;
  let gpusBusy = 0;
  let gpusReporting = 0;
  let sitesReporting = 0;
  for (const id in sites) {
    if (only && !only.has(id)) continue;
    const v = sites[id]!.values;
    sitesReporting++;
    const facility = v.site_facility_power_watts;
    const it = v.site_it_power_watts;
    if (facility !== undefined) facilityW += facility;
    if (it !== undefined) itW += it;
    if (facility !== undefined && it !== undefined && it > 0) {
      pueFacilityW += facility;
      pueItW += it;
    }
    const share = v.site_renewable_share_ratio;
    if (share !== undefined && facility !== undefined && facility > 0) {
      renewableW += share * facility;
      renewableBaseW += facility;
    }
    if (v.site_gpus_busy !== undefined) {
      gpusBusy += v.site_gpus_busy;
      gpusReporting++;
    }
  }
  return {
    facilityPowerMw: facilityW / 1e6,
    itPowerMw: itW / 1e6,
    pue: pueItW > 0 ? pueFacilityW / pueItW : undefined,
    renewableShare: renewableBaseW > 0 ? renewableW / renewableBaseW : undefined,
    gpusBusy,
    gpusReporting,
    sitesReporting,
  };
}
