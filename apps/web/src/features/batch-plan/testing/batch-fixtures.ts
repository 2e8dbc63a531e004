import type { BatchPlan, BatchPlanResult } from '@corridor/shared';

/** A header and two rows: one the fleet can take, one it cannot. */
export const TWO_ROWS = [
  'ref,name,tenant,kind,sector,dataClass,dataOrigin,gpus,model',
  'fraud-1,Fraud scoring,bank-a,inference,finance,personal,MA,64,H100',
  'train-2,Big training,bank-a,training,finance,personal,MA,4096,',
].join('\n');

/** The API's answer to TWO_ROWS. */
export function twoRowPlan(): BatchPlan {
  return planOf([
    { index: 0, ref: 'fraud-1', name: 'Fraud scoring', outcome: 'placed', siteId: 'casa-1', jurisdiction: 'MA', gpuModel: 'H100', gpuCount: 64, powerKw: 51.2, score: 0.8234, rank1Of: 5 },
    {
      index: 1,
      ref: 'train-2',
      name: 'Big training',
      outcome: 'unplaced',
      reasons: [
        { code: 'INSUFFICIENT_GPUS', count: 12, message: 'Needs 4096 GPUs of one model, 1000 free at most.' },
        { code: 'POWER_HEADROOM', count: 3, message: 'Needs 3,276.8 kW of IT power, 900 kW free.' },
        { code: 'SITE_NOT_OPERATIONAL', count: 1, message: 'The site is under maintenance.' },
      ],
    },
  ]);
}

/** `count` workloads of 8 GPUs each, every third one unplaced; named "Job 1"… in the request's order. */
export function bigPlan(count: number): BatchPlan {
  const results: BatchPlanResult[] = Array.from({ length: count }, (_, index) =>
    index % 3 === 2
      ? { index, name: `Job ${index + 1}`, outcome: 'unplaced', reasons: [{ code: 'INSUFFICIENT_GPUS', count: 4, message: 'Needs 8 GPUs.' }] }
      : {
          index,
          name: `Job ${index + 1}`,
          outcome: 'placed',
          siteId: index % 2 ? 'casa-1' : 'paris-1',
          jurisdiction: index % 2 ? 'MA' : 'FR',
          gpuModel: 'H100',
          gpuCount: 8,
          powerKw: 6.4,
          score: 0.5,
          rank1Of: 2,
        },
  );
  return planOf(results);
}

/** A batch of `count` rows of 8 GPUs, as CSV. */
export function bigCsv(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `Job ${i + 1},bank-a,inference,finance,personal,MA,8,H100`);
  return ['name,tenant,kind,sector,dataClass,dataOrigin,gpus,model', ...rows].join('\n');
}

function planOf(results: BatchPlanResult[]): BatchPlan {
  const placed = results.filter((r) => r.outcome === 'placed');
  return {
    policyVersion: 'p1',
    fleetVersion: 'f1',
    at: '2026-12-03T18:00:00Z',
    results,
    totals: {
      requested: results.length,
      placed: placed.length,
      unplaced: results.length - placed.length,
      gpusRequested: placed.reduce((s, r) => s + r.gpuCount, 0) + (results.length - placed.length) * 4096,
      gpusPlaced: placed.reduce((s, r) => s + r.gpuCount, 0),
      powerKwPlaced: placed.reduce((s, r) => s + r.powerKw, 0),
    },
    remaining: [
      { jurisdiction: 'FR', sites: 3, gpusFreeBefore: 2000, gpusFreeAfter: 2000, powerKwFreeBefore: 5000, powerKwFreeAfter: 5000 },
      { jurisdiction: 'MA', sites: 2, gpusFreeBefore: 1000, gpusFreeAfter: 936, powerKwFreeBefore: 2000, powerKwFreeAfter: 1948.8 },
    ],
  };
}
