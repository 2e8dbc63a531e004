import { describe, expect, it } from 'vitest';
import { batchCsvProblemField, batchCsvTemplate, batchPlanToCsv, parseBatchCsv, readCsvRecords } from './batch-plan-csv.ts';
import { csvCell } from './csv.ts';
import { BatchPlanRequestSchema, BatchPlanWorkloadSchema, type BatchPlan } from './schemas/batch-plan.ts';

const HEADER = 'name,tenant,kind,sector,dataClass,dataOrigin,gpus,model,powerKw,latencyFrom,maxRttMs,conditions';

function parsed(text: string) {
  const result = parseBatchCsv(text);
  if (!result.ok) throw new Error(`expected a parse, got ${JSON.stringify(result.problems)}`);
  return result.workloads;
}

function problems(text: string) {
  const result = parseBatchCsv(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => ({ field: batchCsvProblemField(p), message: p.message }));
}

describe('reading a batch CSV', () => {
  it('reads the columns into the same workloads a JSON body spells', () => {
    const csv = [
      HEADER,
      'Fraud scoring,tenant-a,inference,finance,personal,MA,16,H100,,Casablanca,30,',
      '"Census, 2026",tenant-a,training,government,state-sensitive,MA,64,,120.5,"33.57 -7.59",40,cndp-authorisation; sccs-signed',
    ].join('\r\n');
    expect(parsed(csv)).toEqual(
      BatchPlanRequestSchema.parse({
        workloads: [
          {
            name: 'Fraud scoring',
            tenant: 'tenant-a',
            kind: 'inference',
            sector: 'finance',
            dataClass: 'personal',
            dataOrigin: 'MA',
            gpus: { count: 16, model: 'H100' },
            latency: { from: 'Casablanca', maxRttMs: 30 },
          },
          {
            name: 'Census, 2026',
            tenant: 'tenant-a',
            kind: 'training',
            sector: 'government',
            dataClass: 'state-sensitive',
            dataOrigin: 'MA',
            gpus: { count: 64 },
            powerKw: 120.5,
            latency: { from: { lat: 33.57, lon: -7.59 }, maxRttMs: 40 },
            conditions: ['cndp-authorisation', 'sccs-signed'],
          },
        ],
      }).workloads,
    );
  });

  it('takes the columns in any order and any case, a BOM, LF line ends, a ref, and skips empty rows', () => {
    const csv = '\uFEFFGPUS,Ref,name,tenant,kind,sector,dataclass,dataorigin\n8,T-1,a,tenant-a,batch,research,internal,FR\n\n,,,,,,,\n';
    expect(parsed(csv)).toEqual([expect.objectContaining({ ref: 'T-1', name: 'a', dataClass: 'internal', gpus: { count: 8 }, conditions: [] })]);
  });

  it('names the row (the header is row 1, as a spreadsheet numbers it) and the column of every bad cell', () => {
    const csv = [HEADER, 'ok,tenant-a,inference,finance,personal,MA,16,,,,,', 'bad,tenant-a,inference,finance,personal,MA,2.5,,,,,', 'worse,tenant-a,cooking,finance,personal,XX,many,,,Rabat,,'].join(
      '\n',
    );
    const found = problems(csv);
    expect(found.map((p) => p.field)).toEqual(['row 3: gpus', 'row 4: gpus', 'row 4: maxRttMs', 'row 4: kind', 'row 4: dataOrigin']);
    expect(found[1]!.message).toMatch(/must be a number/);
  });

  it('refuses a header without the columns a workload needs, or with an unknown one', () => {
    expect(problems('name,tenant,colour\nx,y,z\n').map((p) => p.field)).toEqual(['row 1: colour', 'row 1: kind', 'row 1: sector', 'row 1: dataClass', 'row 1: dataOrigin', 'row 1: gpus']);
  });

  it('refuses 1,001 workloads, naming the first row too many, without checking any', () => {
    const row = 'x,tenant-a,inference,finance,personal,MA,1,,,,,';
    const found = problems([HEADER, ...Array.from({ length: 1001 }, () => row)].join('\n'));
    expect(found).toEqual([{ field: 'row 1002', message: expect.stringMatching(/at most 1000/) }]);
  });

  it('refuses hostile cells by name: huge numbers, a lone surrogate, an unclosed quote', () => {
    const huge = [HEADER, 'x,tenant-a,inference,finance,personal,MA,1e400,,,,,', 'y,tenant-a,inference,finance,personal,MA,99999999999,,,,,'].join('\n');
    expect(problems(huge).map((p) => p.field)).toEqual(['row 2: gpus', 'row 3: gpus']);
    expect(problems(`${HEADER}\nx\ud800,tenant-a,inference,finance,personal,MA,1,,,,,`).map((p) => p.field)).toEqual(['row 2: name']);
    expect(problems(`${HEADER}\nx,tenant-a,inference,finance,personal,MA,1,,,"Rabat,,\n`)).toEqual([{ field: 'row 2', message: 'has a quote that is never closed' }]);
  });

  it('refuses an empty batch', () => {
    expect(problems(`${HEADER}\n`)).toEqual([{ field: 'row 2', message: expect.stringMatching(/at least one workload/) }]);
    expect(problems('')).toEqual([{ field: 'row 1', message: expect.stringMatching(/header row/) }]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks as one row', () => {
    const read = readCsvRecords('a,"b,""c""\nd"\r\ne,f');
    expect(read).toEqual({
      ok: true,
      records: [
        { row: 1, cells: ['a', 'b,"c"\nd'] },
        { row: 2, cells: ['e', 'f'] },
      ],
    });
  });

  it('reads back the template it offers', () => {
    expect(parsed(batchCsvTemplate())).toHaveLength(1);
  });
});

describe('writing a batch answer as CSV', () => {
  const plan: BatchPlan = {
    policyVersion: 'p',
    fleetVersion: 'f',
    at: '2026-12-03T18:00:00.000Z',
    results: [
      { index: 0, ref: 'T-1', name: '=HYPERLINK("x")', outcome: 'placed', siteId: 'site-a', jurisdiction: 'MA', gpuModel: 'H100', gpuCount: 8, powerKw: 5.6, score: 0.81, rank1Of: 3 },
      { index: 1, name: 'b', outcome: 'unplaced', reasons: [{ code: 'INSUFFICIENT_GPUS', count: 2, message: 'Needs 64 H100, 40 free.' }] },
    ],
    totals: { requested: 2, placed: 1, unplaced: 1, gpusRequested: 72, gpusPlaced: 8, powerKwPlaced: 5.6 },
    remaining: [],
  };

  it('writes one row per workload, its site or its reasons, with formulas defused', () => {
    expect(batchPlanToCsv(plan).split('\r\n')).toEqual([
      'index,ref,name,outcome,siteId,jurisdiction,gpuModel,gpuCount,powerKw,score,candidates,reasons',
      `0,T-1,"'=HYPERLINK(""x"")",placed,site-a,MA,H100,8,5.6,0.81,3,`,
      '1,,b,unplaced,,,,,,,0,"INSUFFICIENT_GPUS (2 sites): Needs 64 H100, 40 free."',
      '',
    ]);
  });

  it('keeps numbers as numbers and guards text that starts like a formula', () => {
    expect([csvCell(-3.5), csvCell('-3.5'), csvCell('@x'), csvCell(undefined)]).toEqual(['-3.5', "'-3.5", "'@x", '']);
  });
});

describe('the JSON body of a batch', () => {
  const row = { name: 'a', tenant: 'tenant-a', kind: 'inference', sector: 'finance', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 2 } };

  it('refuses a key it does not know, `__proto__` included, naming where it is', () => {
    const body = JSON.parse(`{"workloads":[${JSON.stringify(row)},{"__proto__":{"admin":true},${JSON.stringify(row).slice(1)}]}`);
    const result = BatchPlanRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['workloads.1', 'unrecognized_keys']]);
    expect(BatchPlanWorkloadSchema.safeParse(row).success).toBe(true);
    expect(BatchPlanWorkloadSchema.safeParse({ ...row, gpus: { count: 2, colour: 'red' } }).error!.issues[0]!.path).toEqual(['gpus']);
    // A chosen site is a commit's: a batch row naming one is refused, not silently planned elsewhere.
    expect(BatchPlanWorkloadSchema.safeParse({ ...row, siteId: 'ma-casa-1' }).error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['siteId'] });
  });

  it('holds 1 to 1,000 workloads', () => {
    expect(BatchPlanRequestSchema.safeParse({ workloads: [] }).success).toBe(false);
    expect(BatchPlanRequestSchema.safeParse({ workloads: Array.from({ length: 1000 }, () => row) }).success).toBe(true);
    expect(BatchPlanRequestSchema.safeParse({ workloads: Array.from({ length: 1001 }, () => row) }).error!.issues[0]!.path).toEqual(['workloads']);
  });
});
