import {
  WorkloadRequestSchema,
  type Cluster,
  type FleetFile,
  type Jurisdiction,
  type LandingStation,
  type LinkInput,
  type Operator,
  type SiteInput,
  type Workload,
  type WorkloadRequestInput,
} from '../index.ts';

let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

export function buildJurisdiction(overrides: Partial<Jurisdiction> = {}): Jurisdiction {
  return { code: 'MA', name: 'Morocco', blocs: [], ...overrides };
}

export function buildOperator(overrides: Partial<Operator> = {}): Operator {
  return { id: next('operator'), name: 'Test Operator', controlledBy: 'MA', ...overrides };
}

export function buildCluster(overrides: Partial<Cluster> = {}): Cluster {
  return { id: next('cluster'), name: 'Hall A', gpuModel: 'H100', gpuCount: 512, kwPerGpu: 1.3, ...overrides };
}

export function buildSite(overrides: Partial<SiteInput> = {}): SiteInput {
  return {
    id: next('site'),
    name: 'Test Site',
    operatorId: 'operator-test',
    country: 'MA',
    city: 'Casablanca',
    lat: 33.57,
    lon: -7.59,
    status: 'operational',
    itCapacityMw: 7.5,
    designPue: 1.3,
    certifications: [],
    onSiteSolarMw: 0,
    gridCarbonGPerKwh: 551,
    energyPriceUsdPerKwh: 0.107,
    clusters: [buildCluster()],
    source: 'test builder',
    ...overrides,
  };
}

export function buildLandingStation(overrides: Partial<LandingStation> = {}): LandingStation {
  return { id: next('landing'), name: 'Test Landing', country: 'MA', lat: 35.17, lon: -2.93, ...overrides };
}

export function buildLink(overrides: Partial<LinkInput> & Pick<LinkInput, 'from' | 'to'>): LinkInput {
  return {
    id: next('link'),
    name: 'Test Link',
    cable: 'Test Cable',
    kind: 'terrestrial',
    lengthKm: 300,
    rttMs: 4.5,
    rttSource: 'modelled',
    path: [],
    source: 'test builder',
    ...overrides,
  };
}

/** A small valid fleet: one operator, two Moroccan sites and a link between them. */
export function buildFleetFile(overrides: Partial<FleetFile> = {}): FleetFile {
  const operator = buildOperator({ id: 'operator-test' });
  const a = buildSite({ id: 'site-a', name: 'Site A', operatorId: operator.id });
  const b = buildSite({ id: 'site-b', name: 'Site B', operatorId: operator.id, city: 'Rabat', lat: 34.02, lon: -6.83 });
  return {
    jurisdictions: [buildJurisdiction()],
    operators: [operator],
    sites: [a, b],
    landingStations: [],
    links: [buildLink({ id: 'link-a-b', from: a.id, to: b.id })],
    ...overrides,
  };
}

/**
 * A workload request as a client sends it: by default the scenario — Moroccan healthcare
 * personal data (Law 09-08 keeps it in Morocco), 64 H100 within 20 ms of Casablanca.
 */
export function buildWorkloadRequest(overrides: Partial<WorkloadRequestInput> = {}): WorkloadRequestInput {
  return {
    name: 'Claims triage',
    tenant: 'cnss',
    kind: 'inference',
    sector: 'healthcare',
    dataClass: 'personal',
    dataOrigin: 'MA',
    gpus: { count: 64, model: 'H100' },
    latency: { from: 'Casablanca', maxRttMs: 20 },
    ...overrides,
  };
}

/** A workload as the API answers it: by default the request above, placed on usdc-tangier-1 and holding its 64 H100. */
export function buildWorkload(overrides: Partial<Workload> = {}): Workload {
  const request = WorkloadRequestSchema.parse(buildWorkloadRequest());
  const at = '2026-03-01T10:00:00.000Z';
  const { name, tenant, kind, sector, dataClass, dataOrigin } = request;
  return {
    id: next('wl'),
    name,
    tenant,
    kind,
    sector,
    dataClass,
    dataOrigin,
    state: 'placed',
    siteId: 'usdc-tangier-1',
    gpuModel: 'H100',
    gpuCount: 64,
    powerKw: 76.8,
    request,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
