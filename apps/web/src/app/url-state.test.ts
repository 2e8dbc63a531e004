import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from './url-state.ts';

describe('url state', () => {
  it('parses selection, filters and map options', () => {
    expect(parseUrlState('?site=usdc-rabat-1&country=ma&status=operational&operator=usdc&q=rabat&boundary=alt&synthetic=5000&range=24h')).toEqual({
      site: 'usdc-rabat-1',
      country: 'MA',
      status: 'operational',
      operator: 'usdc',
      q: 'rabat',
      boundary: 'alt',
      synthetic: 5000,
      range: '24h',
    });
  });

  it('defaults to the official boundary and ignores junk', () => {
    const state = parseUrlState('?status=melting&synthetic=-3&q=%20%20&boundary=other&range=2y');
    expect(state).toEqual({ boundary: 'official', range: '1h', site: undefined, country: undefined, status: undefined, operator: undefined, q: undefined, synthetic: undefined });
  });

  it('caps the synthetic fleet', () => {
    expect(parseUrlState('?synthetic=10000000').synthetic).toBe(50_000);
  });

  it('round-trips and keeps parameters it does not own', () => {
    const state = parseUrlState('?site=a&q=casa%20blanca&boundary=alt&range=7d');
    const search = serializeUrlState(state, '?debug=1&site=old');
    expect(search).toBe('?debug=1&site=a&q=casa+blanca&boundary=alt&range=7d');
    expect(parseUrlState(search)).toEqual(state);
  });

  it('drops empty values, the default boundary and the default range', () => {
    expect(serializeUrlState({ boundary: 'official', range: '1h' })).toBe('');
  });
});
