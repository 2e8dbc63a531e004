import type { CapacityForecast, CapacityLedger, CapacityLedgerRow, EnergyReport, SiteLoss, SovereignHeadroom } from '@corridor/shared';

const AS_OF = '2026-12-03T09:00:00Z';
const HEADER = { asOf: AS_OF, fleetVersion: 'f1', policyVersion: 'policy-abc123def456', audience: 'fleet' as const };

/** A ledger row: `installedMw` of IT power with 100 GPUs per MW, a quarter committed, none out of service. */
export function buildLedgerRow(key: string, installedMw: number, overrides: Partial<CapacityLedgerRow> = {}): CapacityLedgerRow {
  const gpus = installedMw * 100;
  const committed = Math.round(gpus / 4);
  return {
    key,
    sites: { installed: 1, underMaintenance: 0, pipeline: 0 },
    mw: { installed: installedMw, committed: installedMw / 4, outOfService: 0, free: (installedMw * 3) / 4, stranded: 0, pipeline: 0 },
    gpus: { installed: gpus, committed, outOfService: 0, free: gpus - committed, stranded: 0, pipeline: 0 },
    gpusByModel: [],
    underMaintenance: { mw: 0, gpus: 0 },
    inUse: { itMw: installedMw / 5, gpusBusy: Math.round(gpus / 5), sitesReporting: 1 },
    pipelineSites: [],
    ...overrides,
  };
}

export function buildLedger(groupBy: CapacityLedger['groupBy'], rows: CapacityLedgerRow[]): CapacityLedger {
  return { ...HEADER, groupBy, typicalRequest: { gpus: 8, definition: 'median' }, rows };
}

const siteOf = (id: string, name: string, country: 'MA' | 'FR', extra: Partial<NonNullable<CapacityLedgerRow['site']>> = {}) => ({
  id,
  name,
  country,
  blocs: country === 'FR' ? (['EU', 'EEA'] as ('EU' | 'EEA')[]) : [],
  status: 'operational' as const,
  underMaintenance: false,
  ...extra,
});

/** Morocco (two sites, one under maintenance, one in the pipeline) and France (one site). */
export const LEDGERS = {
  country: buildLedger('country', [
    buildLedgerRow('MA', 45, {
      sites: { installed: 2, underMaintenance: 1, pipeline: 1 },
      mw: { installed: 45, committed: 12.5, outOfService: 7.5, free: 25, stranded: 1, pipeline: 30 },
      underMaintenance: { mw: 7.5, gpus: 750 },
      pipelineSites: [{ siteId: 'ma-nador-2', name: 'Nador 2', country: 'MA', stage: 'under-construction', commissioningDate: '2027-06-30', mw: 30, gpus: 3000 }],
    }),
    buildLedgerRow('FR', 120),
  ]),
  site: buildLedger('site', [
    buildLedgerRow('ma-casa-1', 37.5, { site: siteOf('ma-casa-1', 'Casablanca 1', 'MA') }),
    buildLedgerRow('ma-ben-1', 7.5, { site: siteOf('ma-ben-1', 'Benguerir 1', 'MA', { status: 'maintenance', underMaintenance: true }), underMaintenance: { mw: 7.5, gpus: 750 } }),
    buildLedgerRow('fr-gre-1', 120, { site: siteOf('fr-gre-1', 'Grenoble 1', 'FR') }),
  ]),
  network: buildLedger('network', [buildLedgerRow('network', 165)]),
};

export const HEADROOM: SovereignHeadroom = {
  ...HEADER,
  definitions: { demandClass: 'd', lawful: 'l', committed: 'c', free: 'f', pipeline: 'p' },
  classes: [
    {
      class: {
        id: 'ma-state-sensitive',
        title: 'Moroccan state-sensitive data stays in Morocco',
        shape: { sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', conditions: [] },
        ruleIds: ['ma-state-sensitive'],
      },
      lawfulSites: { installed: 2, pipeline: 1 },
      gpus: { lawful: 4500, committed: 1125, free: 2600, pipeline: 3000 },
      gpusByModel: [],
      mw: { lawful: 45, committed: 12.5, free: 25, pipeline: 30 },
      workloads: 3,
      pipelineByQuarter: [
        { quarter: '2027-Q2', mw: 30, gpus: 3000, sites: [{ siteId: 'ma-nador-2', name: 'Nador 2', country: 'MA', stage: 'under-construction', commissioningDate: '2027-06-30', mw: 30, gpus: 3000 }] },
      ],
      answer: {
        gpus: 2000,
        model: 'H100',
        lawfulFree: 2600,
        yes: true,
        at: [{ siteId: 'ma-casa-1', name: 'Casablanca 1', country: 'MA', model: 'H100', gpus: 2000 }],
        oneSite: ['ma-casa-1'],
        prefill: { sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', conditions: [], kind: 'inference', gpus: { count: 2000, model: 'H100' } },
      },
    },
  ],
};

export const SITE_LOSS: SiteLoss = {
  ...HEADER,
  dryRun: true,
  site: { id: 'fr-gre-1', name: 'Grenoble 1', country: 'FR', mw: 120, gpus: 12000, committedGpus: 3000 },
  largestSiteId: 'fr-gre-1',
  summary: { workloads: 2, rePlaced: 1, stranded: 1, gpusRePlaced: 64, gpusStranded: 512 },
  workloads: [
    {
      workloadId: 'w1',
      name: 'radiology triage',
      tenant: 'chu',
      classIds: [],
      gpuModel: 'H100',
      gpuCount: 64,
      outcome: 're-placed',
      to: { siteId: 'ma-casa-1', name: 'Casablanca 1', country: 'MA', gpuModel: 'H100' },
      alternatives: 2,
      reasons: [],
      lawfulSitesLeft: 3,
    },
    {
      workloadId: 'w2',
      name: 'defence training',
      tenant: 'mod',
      classIds: [],
      gpuModel: 'H100',
      gpuCount: 512,
      outcome: 'stranded',
      alternatives: 0,
      reasons: [{ code: 'JURISDICTION_NOT_ALLOWED', sites: 2, ruleIds: ['fr'] }],
      lawfulSitesLeft: 0,
    },
  ],
  headroom: [{ classId: 'ma-state-sensitive', title: 'Moroccan state-sensitive data stays in Morocco', before: { gpus: 2600, mw: 25 }, after: { gpus: 2536, mw: 24.4 } }],
};

export const FORECAST: CapacityForecast = {
  ...HEADER,
  method: { kind: 'linear-least-squares', weeks: 12, quarters: 2, description: 'linear' },
  classes: [
    {
      class: HEADROOM.classes[0]!.class,
      history: [],
      trend: { slopeGpusPerWeek: 100, intercept: 1125 },
      quarters: [
        { quarter: '2027-Q1', ends: '2027-03-31', demandGpus: 3000, supplyGpus: 4500, supplyMw: 45, crossing: false },
        { quarter: '2027-Q2', ends: '2027-06-30', demandGpus: 5000, supplyGpus: 4500, supplyMw: 45, crossing: true },
      ],
      crossesIn: '2027-Q2',
    },
  ],
};

const energyFigures = { facilityMwh: 1200, itMwh: 1000, pue: 1.2, onSiteSolarMwh: 50, gridMwh: 1150, renewableMwh: 300, renewableShare: 0.25, tco2e: 700, hoursWithData: 720 };
export const ENERGY: EnergyReport = {
  groupBy: 'country',
  from: '2026-11-03T09:00:00Z',
  to: '2026-12-03T09:00:00Z',
  hours: 720,
  asOf: AS_OF,
  fleetVersion: 'f1',
  pueBasis: 'interim',
  carbonBasis: 'location-based',
  rows: [
    { key: 'MA', sites: 2, ...energyFigures },
    { key: 'network', sites: 3, ...energyFigures },
  ],
};

/** The answer of each capacity read, by path (the query string decides the ledger's grouping). */
export function capacityAnswer(url: string): unknown {
  if (url.startsWith('/api/capacity/ledger')) {
    const by = new URLSearchParams(url.split('?')[1]).get('groupBy') as keyof typeof LEDGERS;
    return LEDGERS[by] ?? LEDGERS.site;
  }
  if (url.startsWith('/api/capacity/headroom')) return HEADROOM;
  if (url.startsWith('/api/capacity/site-loss')) return SITE_LOSS;
  if (url.startsWith('/api/capacity/forecast')) return FORECAST;
  if (url.startsWith('/api/capacity/energy')) return ENERGY;
  return undefined;
}
