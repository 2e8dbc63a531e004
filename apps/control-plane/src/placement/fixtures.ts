import { fileURLToPath } from 'node:url';
import { WorkloadRequestSchema, type FleetFile, type Link, type LinkEnd, type Site, type WorkloadRequest, type WorkloadRequestInput } from '@corridor/shared';
import { loadFleetFile } from '../fleet/fleet-file.ts';
import type { LoadedPolicy, PlanInput } from './plan-input.ts';
import { loadPolicyPack } from './policy-pack.ts';

// Fixtures for the placement tests and benchmarks: the default fleet and policy pack as the engine
// sees them, and a request builder.

const DATA = new URL('../../../../data/', import.meta.url);

/**
 * The fleet as the engine sees it, straight from a fleet file: operators embedded in sites, link
 * ends resolved — the shape fleet-store's readFleet serves, without a store. For tests and benchmarks.
 */
export function fleetSnapshot(file: FleetFile, version: string): PlanInput['fleet'] {
  const operators = new Map(file.operators.map((o) => [o.id, o]));
  const sites: Site[] = file.sites.map(({ operatorId, ...site }) => {
    const operator = operators.get(operatorId);
    if (!operator) throw new Error(`site "${site.id}" names unknown operator "${operatorId}"`);
    return { ...site, operator, gpuCount: site.clusters.reduce((n, c) => n + c.gpuCount, 0) };
  });
  const ends = new Map<string, LinkEnd>();
  for (const s of sites) ends.set(s.id, { id: s.id, name: s.name, kind: 'site', country: s.country, lat: s.lat, lon: s.lon });
  for (const l of file.landingStations) ends.set(l.id, { ...l, kind: 'landing-station' });
  const links: Link[] = file.links.map((l) => {
    const from = ends.get(l.from);
    const to = ends.get(l.to);
    if (!from || !to) throw new Error(`link "${l.id}" has an unknown end`);
    return { ...l, from, to };
  });
  return { version, sites, links };
}

/** data/fleet.yaml as a fleet snapshot, and the file itself (for its jurisdictions). */
export function defaultFleet(): { file: FleetFile; fleet: PlanInput['fleet'] } {
  const { fleet: file, version } = loadFleetFile(fileURLToPath(new URL('fleet.yaml', DATA)));
  return { file, fleet: fleetSnapshot(file, version) };
}

/** data/policy/ loaded. */
export function defaultPolicy(): LoadedPolicy {
  return loadPolicyPack(fileURLToPath(new URL('policy', DATA)));
}

/** A valid workload request (64 GPUs of any model, commercial internal data from MA), parsed like a body. */
export function buildRequest(overrides: Partial<WorkloadRequestInput> = {}): WorkloadRequest {
  return WorkloadRequestSchema.parse({
    name: 'test workload',
    tenant: 'tenant-test',
    kind: 'training',
    sector: 'commercial',
    dataClass: 'internal',
    dataOrigin: 'MA',
    gpus: { count: 64 },
    ...overrides,
  });
}
