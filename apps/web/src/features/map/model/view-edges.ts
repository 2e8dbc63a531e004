/**
 * How the map moves for the reader: without animation when they asked the system for reduced motion,
 * and clear of the panel that covers the map's inline end (its right in English and French, its left
 * in Arabic, where the page reads right to left but the map keeps its own left-to-right sense).
 */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Leaflet's animation option for a fly or a fit: none under reduced motion. */
export const motion = (): { animate: boolean } => ({ animate: !prefersReducedMotion() });

/** The page's direction (the provider sets it on <html>). */
export const pageIsRtl = (): boolean => typeof document !== 'undefined' && document.documentElement.dir === 'rtl';

/** Pixels hidden on each side of the map by a panel of this width at the page's inline end. */
export function coveredEdges(coveredPx: number, rtl = pageIsRtl()): { left: number; right: number } {
  return rtl ? { left: coveredPx, right: 0 } : { left: 0, right: coveredPx };
}
