import type { HeadroomAnswer } from '@corridor/shared';

/**
 * The placement view's address pre-filled with a class's request (sector, data class, origin, kind, GPUs,
 * model): the parameters the place view reads (`p…`, apart from the workloads list's own filters).
 */
export function placementPrefillSearch(prefill: HeadroomAnswer['prefill']): string {
  const params = new URLSearchParams({ view: 'place', psector: prefill.sector, pclass: prefill.dataClass, porigin: prefill.dataOrigin, pkind: prefill.kind, pgpus: String(prefill.gpus.count) });
  if (prefill.gpus.model) params.set('pmodel', prefill.gpus.model);
  return `?${params.toString()}`;
}
