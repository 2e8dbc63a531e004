import { describe, expect, it } from 'vitest';
import { filterQuery } from './workload-queries.ts';

describe('workload queries', () => {
  it('puts only the filters that are set in the list’s query', () => {
    expect(filterQuery({})).toBe('');
    expect(filterQuery({ sector: 'healthcare', state: 'running', site: 'usdc-tangier-1' })).toBe('?state=running&site=usdc-tangier-1&sector=healthcare');
  });
});
