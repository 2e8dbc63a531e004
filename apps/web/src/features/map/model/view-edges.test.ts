// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coveredEdges, motion } from './view-edges.ts';

const prefers = (reduce: boolean) => vi.fn((query: string) => ({ matches: reduce && query === '(prefers-reduced-motion: reduce)' }) as MediaQueryList);

describe('how the map moves for its reader', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.documentElement.dir = '';
  });

  it('jumps instead of flying when the reader asked for reduced motion', () => {
    vi.stubGlobal('matchMedia', prefers(true));
    expect(motion()).toEqual({ animate: false });
    vi.stubGlobal('matchMedia', prefers(false));
    expect(motion()).toEqual({ animate: true });
  });

  it('keeps clear of the panel at the page’s inline end: the right, the left in Arabic', () => {
    expect(coveredEdges(400)).toEqual({ left: 0, right: 400 });
    document.documentElement.dir = 'rtl';
    expect(coveredEdges(400)).toEqual({ left: 400, right: 0 });
  });
});
