import { describe, expect, it } from 'vitest';
import { bigCsv } from '../testing/batch-fixtures.ts';
import { checkBatch, templateCsv } from './batch-input.ts';

const HEADER = 'name,kind,sector,dataClass,dataOrigin,gpus';

describe('checking a batch in the browser', () => {
  it('fills a tenant’s own tenant in without disturbing quoted cells, and keeps each workload’s row', () => {
    const check = checkBatch([HEADER, '"Scoring, v2",inference,finance,personal,MA,8', '', 'Other,batch,research,public,FR,2'].join('\n'), 'tenant-a');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.workloads.map((w) => [w.name, w.tenant])).toEqual([
      ['Scoring, v2', 'tenant-a'],
      ['Other', 'tenant-a'],
    ]);
    // The blank line is skipped, not renumbered: the second workload is the file's row 4.
    expect(check.rows).toEqual([2, 4]);
  });

  it('says what is wrong with the text as a whole in words', () => {
    const problem = (text: string) => {
      const check = checkBatch(text);
      return check.ok ? [] : check.issues;
    };
    expect(problem('  ')).toEqual([{ row: 0, message: 'Paste or choose a CSV first: a header row, then one workload a line.' }]);
    expect(problem(`${HEADER},tenant`)[0]!.message).toBe('a batch needs at least one workload under the header row.');
    expect(problem(`${HEADER},tenant\n"Open,inference`)[0]!.message).toBe('has a quote that is never closed.');
    expect(problem(`nom,${HEADER}`)[0]!.message).toMatch(/^the header row must name the batch's columns \(ref,name,tenant,/);
    expect(problem(`${HEADER},tenant\nA,inference,finance,personal,MA,8,t,extra`)).toEqual([{ row: 2, message: 'has more cells than the header row has columns.' }]);
    expect(problem(bigCsv(1001))).toEqual([{ row: 1002, message: 'is one too many: a batch holds at most 1,000 workloads.' }]);
    expect(problem(`${HEADER},tenant\nA,cooking,finance,personal,MA,8,t`)).toEqual([{ row: 2, column: 'kind', message: 'kind must be one of: training, fine-tuning, inference, batch.' }]);
  });

  it('offers a template the check accepts: the header and two example rows', () => {
    const check = checkBatch(templateCsv());
    expect(check.ok && check.workloads.length).toBe(2);
    const own = checkBatch(templateCsv('tenant-a'), 'tenant-a');
    expect(own.ok && own.workloads.every((w) => w.tenant === 'tenant-a')).toBe(true);
  });
});
