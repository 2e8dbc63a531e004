import type { DataClass, Sector, WorkloadKind } from '@corridor/shared';
import { translate } from '../../../lib/i18n/runtime.ts';
import { selectKey } from './select-key.ts';

/** A request's sector, data class and kind in the language in force (English keeps the codes: "healthcare"). */
export const sectorLabel = (sector: Sector): string => translate('workloads.sector', { sector: selectKey(sector), code: sector });
export const dataClassLabel = (dataClass: DataClass): string => translate('workloads.dataClass', { dataClass: selectKey(dataClass), code: dataClass });
export const kindLabel = (kind: WorkloadKind): string => translate('workloads.kind', { kind: selectKey(kind), code: kind });
