import { describe, expect, it } from 'vitest';
import { keepFocus, nextFocus, uniqueTargets, type FocusTarget } from './focus-rotation.ts';

const place = (id: string): FocusTarget => ({ id, lat: 0, lon: 0, itCapacityMw: 1 });
const targets = [place('a'), place('b'), place('c')];

describe('the wall’s rotating focus', () => {
  it('moves to the next place and back to the first after the last', () => {
    expect(nextFocus(targets, undefined)?.id).toBe('a');
    expect(nextFocus(targets, 'a')?.id).toBe('b');
    expect(nextFocus(targets, 'c')?.id).toBe('a');
  });

  it('starts over when the focused place has no alert left, and rests when nothing fires', () => {
    expect(nextFocus(targets, 'gone')?.id).toBe('a');
    expect(keepFocus(targets, 'gone')?.id).toBe('a');
    expect(keepFocus(targets, 'b')?.id).toBe('b');
    expect(nextFocus([], 'a')).toBeUndefined();
  });

  it('stops once at a place with several alerts', () => {
    expect(uniqueTargets([place('a'), undefined, place('a'), place('b')]).map((t) => t.id)).toEqual(['a', 'b']);
  });
});
