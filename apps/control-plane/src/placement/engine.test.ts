import { describe, expect, it } from 'vitest';
import { buildCluster, buildFleetFile, buildOperator, buildSite } from '@corridor/shared/testing';
import { DEFAULT_WEIGHTS, type SiteInput, type WorkloadRequestInput } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import { buildRequest, defaultPolicy, fleetSnapshot } from './fixtures.ts';
import type { PlanInput, SiteLive, SiteUsage } from './plan-input.ts';

const policy = defaultPolicy();
const AT = new Date('2026-06-21T12:00:00Z');

/** A fleet of the given sites (Moroccan-controlled operator unless a site says otherwise), no links. */
function fleetOf(...sites: Partial<SiteInput>[]): PlanInput['fleet'] {
  const operators = [buildOperator({ id: 'operator-test' }), buildOperator({ id: 'operator-us', name: 'US Cloud', controlledBy: 'US' })];
  return fleetSnapshot(buildFleetFile({ operators, sites: sites.map((s) => buildSite({ operatorId: 'operator-test', ...s })), links: [] }), 'test');
}

function plan(fleet: PlanInput['fleet'], request: Partial<WorkloadRequestInput> = {}, options: { usage?: Record<string, SiteUsage>; live?: Record<string, SiteLive>; exclude?: string[] } = {}) {
  return planPlacement({
    request: buildRequest(request),
    fleet,
    usage: new Map(Object.entries(options.usage ?? {})),
    live: new Map(Object.entries(options.live ?? {})),
    policy,
    at: AT,
    ...(options.exclude ? { exclude: new Set(options.exclude) } : {}),
  });
}

const reasonsOf = (p: ReturnType<typeof plan>, siteId: string) => p.rejected.find((r) => r.siteId === siteId)?.reasons ?? [];

describe('planPlacement: capacity', () => {
  const fleet = fleetOf({ id: 'h100-site', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 512, kwPerGpu: 1.2 })] });

  it('says how many GPUs are missing: "Needs 64 H100, 40 free."', () => {
    const p = plan(fleet, { gpus: { count: 64, model: 'H100' } }, { usage: { 'h100-site': { gpus: { H100: 472 }, powerKw: 0 } } });
    expect(reasonsOf(p, 'h100-site')).toEqual([{ code: 'INSUFFICIENT_GPUS', message: 'Needs 64 H100, 40 free.', margin: { needed: 64, available: 40, unit: 'H100' } }]);
  });

  it('rejects a site without the model asked for, naming what it has', () => {
    const p = plan(fleet, { gpus: { count: 8, model: 'B200' } });
    expect(reasonsOf(p, 'h100-site')).toEqual([{ code: 'GPU_MODEL_UNAVAILABLE', message: 'No B200 here; it has H100.' }]);
  });

  it('derives power from the GPUs and rejects a site without the IT power headroom', () => {
    const p = plan(fleet, { gpus: { count: 100, model: 'H100' } }, { usage: { 'h100-site': { gpus: {}, powerKw: 7450 } } });
    expect(reasonsOf(p, 'h100-site')).toEqual([{ code: 'POWER_HEADROOM', message: 'Needs 120 kW of IT power, 50 kW free.', margin: { needed: 120, available: 50, unit: 'kW' } }]);
  });

  it('takes the power the request states over the GPUs’ draw', () => {
    const p = plan(fleet, { gpus: { count: 8 }, powerKw: 25 });
    expect(p.candidates[0]).toMatchObject({ siteId: 'h100-site', powerKw: 25, gpuModel: 'H100', freeGpus: 512 });
  });

  it('picks, with no model asked, the model whose free GPUs fit the job most snugly', () => {
    const twoHalls = fleetOf({
      id: 'two-halls',
      clusters: [buildCluster({ gpuModel: 'H200', gpuCount: 2048, kwPerGpu: 1.25 }), buildCluster({ gpuModel: 'B200', gpuCount: 256, kwPerGpu: 1.3 })],
    });
    expect(plan(twoHalls, { gpus: { count: 200 } }).candidates[0]).toMatchObject({ gpuModel: 'B200', freeGpus: 256, powerKw: 260 });
    expect(plan(twoHalls, { gpus: { count: 300 } }).candidates[0]).toMatchObject({ gpuModel: 'H200', freeGpus: 2048, powerKw: 375 });
    expect(reasonsOf(plan(twoHalls, { gpus: { count: 3000 } }), 'two-halls')).toEqual([
      { code: 'INSUFFICIENT_GPUS', message: 'Needs 3000 GPUs of one model, 2048 free at most (H200).', margin: { needed: 3000, available: 2048, unit: 'GPUs' } },
    ]);
  });

  it('ranks the snugger of two otherwise equal sites first', () => {
    const two = fleetOf({ id: 'big', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 4096 })] }, { id: 'small', clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 128 })] });
    const p = plan(two, { gpus: { count: 64 } });
    expect(p.candidates.map((c) => [c.siteId, c.rank])).toEqual([
      ['small', 1],
      ['big', 2],
    ]);
    expect(p.candidates[0]!.parts.capacity).toMatchObject({ score: 0.5, value: 0.5 });
  });
});

describe('planPlacement: status, exclusion and every reason at once', () => {
  it('rejects sites that are not operational, by fleet or by live status, and excluded sites', () => {
    const fleet = fleetOf({ id: 'planned', status: 'planned', commissioningDate: '2027-06-30' }, { id: 'down' }, { id: 'left' }, { id: 'fine' });
    const p = plan(fleet, {}, { live: { down: { status: 'offline' } }, exclude: ['left'] });
    expect(reasonsOf(p, 'planned')).toEqual([{ code: 'SITE_NOT_OPERATIONAL', message: 'The site is planned, commissioning 2027-06-30; only operational sites take workloads.' }]);
    expect(reasonsOf(p, 'down')).toEqual([{ code: 'SITE_NOT_OPERATIONAL', message: 'The site is offline (observed live); only operational sites take workloads.' }]);
    expect(reasonsOf(p, 'left').map((r) => r.code)).toEqual(['SITE_NOT_OPERATIONAL']);
    expect(p.candidates.map((c) => c.siteId)).toEqual(['fine']);
  });

  it('rejects a site in a maintenance window "in maintenance until" its end, in UTC, and a fleet-declared one without an end as before', () => {
    const fleet = fleetOf({ id: 'window' }, { id: 'declared', status: 'maintenance' }, { id: 'fine' });
    const p = plan(fleet, {}, { live: { window: { status: 'maintenance', maintenanceUntil: '2026-12-03T14:30:00.000Z' } } });
    expect(reasonsOf(p, 'window')).toEqual([{ code: 'SITE_NOT_OPERATIONAL', message: 'The site is in maintenance until 2026-12-03 14:30 UTC; only operational sites take workloads.' }]);
    expect(reasonsOf(p, 'declared')).toEqual([{ code: 'SITE_NOT_OPERATIONAL', message: 'The site is in maintenance; only operational sites take workloads.' }]);
    expect(p.candidates.map((c) => c.siteId)).toEqual(['fine']);
  });

  it('lists all of a site’s failing reasons, not the first', () => {
    const fleet = fleetOf({
      id: 'madrid-us',
      country: 'ES',
      city: 'Madrid',
      lat: 40.42,
      lon: -3.7,
      operatorId: 'operator-us',
      status: 'maintenance',
      clusters: [buildCluster({ gpuModel: 'H100', gpuCount: 16 })],
    });
    const p = plan(fleet, { sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', gpus: { count: 64, model: 'H100' }, latency: { from: 'Casablanca', maxRttMs: 5 } });
    expect(reasonsOf(p, 'madrid-us').map((r) => [r.code, r.ruleId])).toEqual([
      ['JURISDICTION_NOT_ALLOWED', 'ma-05-20-state-sensitive'],
      ['OPERATOR_CONTROL', 'ma-05-20-state-sensitive'],
      ['CERTIFICATION_MISSING', 'ma-05-20-state-sensitive'],
      ['SITE_NOT_OPERATIONAL', undefined],
      ['INSUFFICIENT_GPUS', undefined],
      ['LATENCY_OBJECTIVE', undefined],
    ]);
  });

  it('gives the latency margin in ms', () => {
    const fleet = fleetOf({ id: 'rabat', city: 'Rabat', lat: 34.02, lon: -6.84 });
    const reason = reasonsOf(plan(fleet, { latency: { from: 'Casablanca', maxRttMs: 1 } }), 'rabat')[0];
    expect(reason).toMatchObject({ code: 'LATENCY_OBJECTIVE', margin: { needed: 1, available: 1.4, unit: 'ms' } });
    expect(reason!.message).toBe('About 1.4 ms round trip from Casablanca; the objective is 1 ms.');
  });
});

describe('planPlacement: scores', () => {
  const fleet = fleetOf(
    { id: 'grenoble', country: 'FR', city: 'Grenoble', lat: 45.19, lon: 5.72, gridCarbonGPerKwh: 21, energyPriceUsdPerKwh: 0.216 },
    { id: 'casablanca', gridCarbonGPerKwh: 551, energyPriceUsdPerKwh: 0.107 },
  );

  it('weights the parts with the defaults, latency 0 without an objective, normalised to sum 1', () => {
    const p = plan(fleet);
    const parts = p.candidates[0]!.parts;
    expect(parts.latency).toMatchObject({ weight: 0, score: 0 });
    expect(parts.carbon.weight + parts.cost.weight + parts.capacity.weight + parts.scarcity.weight).toBeCloseTo(1, 3);
    expect(parts.carbon.weight).toBeCloseTo(DEFAULT_WEIGHTS.carbon / (1 - DEFAULT_WEIGHTS.latency), 3);
    expect(p.notes).toContain('No latency objective: latency is not scored.');
  });

  it('follows the request’s weights: carbon first puts France ahead, cost first Morocco', () => {
    expect(plan(fleet, { weights: { carbon: 1, cost: 0, capacity: 0 } }).candidates[0]!.siteId).toBe('grenoble');
    expect(plan(fleet, { weights: { carbon: 0, cost: 1, capacity: 0 } }).candidates[0]!.siteId).toBe('casablanca');
  });

  it('scores carbon from live telemetry when there is a live figure, and says so', () => {
    const p = plan(fleet, { weights: { carbon: 1, cost: 0, capacity: 0 } }, { live: { casablanca: { carbonGPerKwh: 12 } } });
    expect(p.candidates[0]!.siteId).toBe('casablanca');
    expect(p.candidates[0]!.parts.carbon).toMatchObject({ value: 12, unit: 'gCO2/kWh', basis: expect.stringContaining('live telemetry') });
    expect(p.candidates[1]!.parts.carbon.basis).toContain('fleet file');
  });

  it('scores latency as the share of the objective left, with the RTT on the candidate', () => {
    const p = plan(fleet, { latency: { from: 'Casablanca', maxRttMs: 40 } });
    const casablanca = p.candidates.find((c) => c.siteId === 'casablanca')!;
    expect(casablanca.rttMs).toBeLessThan(1);
    expect(casablanca.parts.latency.score).toBeGreaterThan(0.97);
    expect(casablanca.parts.latency.weight).toBe(DEFAULT_WEIGHTS.latency);
  });

  it('breaks score ties by site id', () => {
    const twins = fleetOf({ id: 'twin-b' }, { id: 'twin-a' });
    expect(plan(twins).candidates.map((c) => c.siteId)).toEqual(['twin-a', 'twin-b']);
  });

  it('stamps the plan with the policy and fleet versions and the instant', () => {
    const p = plan(fleet);
    expect(p).toMatchObject({ policyVersion: policy.version, fleetVersion: 'test', at: '2026-06-21T12:00:00.000Z' });
  });

  it('notes a condition the pack does not define', () => {
    expect(plan(fleet, { conditions: ['pinky-promise'] }).notes).toContain('The policy pack defines no condition “pinky-promise”; it changes nothing.');
  });
});
