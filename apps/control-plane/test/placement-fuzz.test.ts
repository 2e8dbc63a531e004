import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DATA_CLASSES, ErrorBodySchema, GPU_MODELS, SECTORS, WORKLOAD_KINDS } from '@corridor/shared';
import { buildFleetFile } from '@corridor/shared/testing';
import { STORE_KINDS } from './stores.ts';
import { placementHarness, workloadBody, type PlacementHarness } from './placement-harness.ts';

/** Any string, NUL and lone surrogates included. */
const anyString = fc.string({ unit: 'binary', maxLength: 140 });
const wild = fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.integer());

/** Something close to a workload request: each field right, wrong or missing. */
const requestish = fc.record(
  {
    name: fc.oneof(fc.constantFrom('llm training', '  ', ''), anyString, wild),
    tenant: fc.oneof(fc.constantFrom('bank-of-test', 'Bank Of Test', ''), wild),
    kind: fc.oneof(fc.constantFrom(...WORKLOAD_KINDS, 'mining'), wild),
    sector: fc.oneof(fc.constantFrom(...SECTORS), wild),
    dataClass: fc.oneof(fc.constantFrom(...DATA_CLASSES), wild),
    dataOrigin: fc.oneof(fc.constantFrom('MA', 'ES', 'FR', 'US', 'NG', 'XX', 'ma'), wild),
    gpus: fc.oneof(fc.record({ count: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), wild), model: fc.oneof(fc.constantFrom(...GPU_MODELS, 'TPU'), wild) }, { requiredKeys: [] }), wild),
    powerKw: fc.oneof(fc.double(), wild),
    latency: fc.oneof(
      fc.record({ from: fc.oneof(fc.constantFrom('Casablanca', 'site-b', 'Atlantis'), anyString, fc.record({ lat: fc.double(), lon: fc.double() })), maxRttMs: fc.oneof(fc.double(), wild) }),
      wild,
    ),
    weights: fc.oneof(fc.dictionary(fc.constantFrom('latency', 'carbon', 'cost', 'capacity', 'other'), fc.oneof(fc.double(), wild)), wild),
    conditions: fc.oneof(fc.array(fc.oneof(fc.constantFrom('sccs-signed', 'cndp-authorisation'), anyString), { maxLength: 25 }), wild),
  },
  { requiredKeys: [] },
);

/** A request of the right shape with any name and any origin, model and size: committed, refused 409, or 400 for a name the store cannot hold. */
const wellFormed = fc.record(
  {
    name: anyString,
    tenant: fc.constantFrom('bank-of-test', 'hospital-1'),
    kind: fc.constantFrom(...WORKLOAD_KINDS),
    sector: fc.constantFrom(...SECTORS),
    dataClass: fc.constantFrom(...DATA_CLASSES),
    dataOrigin: fc.constantFrom('MA', 'ES', 'FR', 'US', 'NG'),
    gpus: fc.record({ count: fc.integer({ min: 1, max: 600 }), model: fc.constantFrom(...GPU_MODELS) }, { requiredKeys: ['count'] }),
    latency: fc.record({ from: fc.constantFrom('Casablanca', 'Rabat', 'site-b'), maxRttMs: fc.integer({ min: 1, max: 200 }) }),
  },
  { requiredKeys: ['name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus'] },
);

/** A valid request with one field replaced by anything. */
const oneFieldOff = fc
  .tuple(fc.constantFrom('name', 'tenant', 'kind', 'sector', 'dataClass', 'dataOrigin', 'gpus', 'powerKw', 'latency', 'weights', 'conditions'), wild)
  .map(([field, value]) => ({ ...workloadBody({ gpus: { count: 8 } }), [field]: value }));

const body = fc.oneof(wellFormed, requestish, oneFieldOff, wild);

describe.each(STORE_KINDS)('placement input fuzz on %s', (kind) => {
  let h: PlacementHarness;
  beforeAll(async () => {
    h = await placementHarness(kind, buildFleetFile());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('never answers 5xx to a commit; a refused body names its fields and stores nothing', { timeout: 120_000 }, async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = { workloads: await h.count('workloads'), audit: await h.count('audit_log') };
        const res = await h.call('POST', '/v1/workloads', input);
        statuses.add(res.status);
        expect([201, 400, 409]).toContain(res.status);
        if (res.status === 400) {
          expect(ErrorBodySchema.parse(res.body).error.fields?.length).toBeGreaterThan(0);
          expect({ workloads: await h.count('workloads'), audit: await h.count('audit_log') }).toEqual(before);
        }
        // Whatever was taken is released, so the sites never fill up and later bodies are judged on their own.
        if (res.status === 201) expect((await h.call('DELETE', `/v1/workloads/${res.body.id}`)).status).toBe(200);
      }),
      { numRuns: 150 },
    );
    // The bodies reached the engine and the store too, not only the parser.
    expect(statuses).toContain(201);
  });

  it('never answers 5xx to a plan; a refused body audits nothing', { timeout: 120_000 }, async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = await h.count('audit_log');
        const res = await h.call('POST', '/v1/placements/plan', input);
        statuses.add(res.status);
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(await h.count('audit_log')).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(statuses).toContain(200);
  });
});
