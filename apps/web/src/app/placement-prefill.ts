import { DATA_CLASSES, GPU_MODELS, JURISDICTION_CODES, SECTORS, WORKLOAD_KINDS } from '@corridor/shared';
import type { WorkloadForm } from '../features/placement/model/workload-form.ts';

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined => (value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined);

/**
 * The placement form's fields a link pre-fills (?view=place&psector=&pclass=&porigin=&pkind=&pgpus=&pmodel=,
 * as the capacity view's sovereign headroom writes them): values the form knows, anything else left out.
 */
export function placementPrefill(search: string): Partial<WorkloadForm> {
  const params = new URLSearchParams(search);
  const form: Partial<WorkloadForm> = {};
  const sector = oneOf(SECTORS, params.get('psector'));
  const dataClass = oneOf(DATA_CLASSES, params.get('pclass'));
  const origin = oneOf(JURISDICTION_CODES, params.get('porigin'));
  const kind = oneOf(WORKLOAD_KINDS, params.get('pkind'));
  const model = oneOf(GPU_MODELS, params.get('pmodel'));
  const gpus = params.get('pgpus');
  if (sector) form.sector = sector;
  if (dataClass) form.dataClass = dataClass;
  if (origin) form.dataOrigin = origin;
  if (kind) form.kind = kind;
  if (model) form.gpuModel = model;
  if (gpus && /^\d{1,7}$/.test(gpus)) form.gpuCount = gpus;
  return form;
}

const PREFILL_KEYS = ['psector', 'pclass', 'porigin', 'pkind', 'pgpus', 'pmodel'];

/** Takes the pre-fill out of the address once the form holds it, so a later visit to the form starts empty. */
export function dropPlacementPrefill(): void {
  const params = new URLSearchParams(window.location.search);
  if (!PREFILL_KEYS.some((key) => params.has(key))) return;
  for (const key of PREFILL_KEYS) params.delete(key);
  const search = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
}
