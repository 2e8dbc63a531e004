// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { placementPrefillSearch } from '../features/capacity/model/placement-prefill.ts';
import { dropPlacementPrefill, placementPrefill } from './placement-prefill.ts';
import { landsOnCapacity } from './use-executive-landing.ts';

describe('the placement pre-fill a capacity link carries', () => {
  it('reads back what the sovereign headroom wrote', () => {
    const search = placementPrefillSearch({ sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', conditions: [], kind: 'inference', gpus: { count: 2000, model: 'H100' } });
    expect(placementPrefill(search)).toEqual({ sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', kind: 'inference', gpuModel: 'H100', gpuCount: '2000' });
  });

  it('is taken out of the address once read, the other parameters kept', () => {
    window.history.replaceState(null, '', '/?view=place&psector=government&pgpus=8&by=site');
    dropPlacementPrefill();
    expect(window.location.search).toBe('?view=place&by=site');
  });

  it('leaves out values the form does not know', () => {
    expect(placementPrefill('?view=place&psector=piracy&pclass=x&porigin=ZZ&pgpus=-3&pmodel=Z80')).toEqual({});
  });
});

describe('the executive landing', () => {
  it('lands an executive on Capacity only when no page was asked for', () => {
    expect(landsOnCapacity({ role: 'executive' }, '')).toBe(true);
    expect(landsOnCapacity({ role: 'executive' }, '?country=MA')).toBe(true);
    for (const asked of ['?view=alerts', '?site=ma-casa-1', '?link=medusa', '?wall=1', '?workload=w1']) expect(landsOnCapacity({ role: 'executive' }, asked)).toBe(false);
    expect(landsOnCapacity({ role: 'operator' }, '')).toBe(false);
  });
});
