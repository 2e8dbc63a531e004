import type { CapacityForecast, SiteLoss, SovereignHeadroom } from '@corridor/shared';
import type { CsvTable } from '../api/capacity-csv.ts';

/*
 * The tables whose API route may answer JSON only, as CSV: machine columns (English, units in the
 * names, as the API's own CSVs), one line per row, the as-of time and policy on each line.
 */

export function headroomCsv(h: SovereignHeadroom): CsvTable {
  return {
    header: [
      'class_id',
      'class_title',
      'sector',
      'data_class',
      'data_origin',
      'lawful_gpus',
      'committed_gpus',
      'free_gpus',
      'pipeline_gpus',
      'lawful_mw_it',
      'committed_mw_it',
      'free_mw_it',
      'pipeline_mw_it',
      'asked_gpus',
      'asked_model',
      'answer',
      'lawful_free_gpus',
      'at_sites',
      'as_of',
      'policy_version',
    ],
    rows: h.classes.map((c) => [
      c.class.id,
      c.class.title,
      c.class.shape.sector,
      c.class.shape.dataClass,
      c.class.shape.dataOrigin,
      c.gpus.lawful,
      c.gpus.committed,
      c.gpus.free,
      c.gpus.pipeline,
      c.mw.lawful,
      c.mw.committed,
      c.mw.free,
      c.mw.pipeline,
      c.answer.gpus,
      c.answer.model ?? 'any',
      c.answer.yes ? 'yes' : 'no',
      c.answer.lawfulFree,
      c.answer.at.map((s) => `${s.siteId}:${s.gpus} ${s.model}`).join(' '),
      h.asOf,
      h.policyVersion,
    ]),
  };
}

export function siteLossCsv(l: SiteLoss): CsvTable {
  return {
    header: ['lost_site', 'workload_id', 'workload', 'tenant', 'gpus', 'gpu_model', 'outcome', 'to_site', 'alternatives', 'reasons', 'lawful_sites_left', 'as_of', 'policy_version'],
    rows: l.workloads.map((w) => [
      l.site.id,
      w.workloadId,
      w.name,
      w.tenant,
      w.gpuCount,
      w.gpuModel ?? 'any',
      w.outcome,
      w.to?.siteId,
      w.alternatives,
      w.reasons.map((r) => `${r.code}:${r.sites}`).join(' '),
      w.lawfulSitesLeft,
      l.asOf,
      l.policyVersion,
    ]),
  };
}

export function forecastCsv(f: CapacityForecast): CsvTable {
  return {
    header: ['class_id', 'class_title', 'quarter', 'quarter_ends', 'demand_gpus', 'lawful_supply_gpus', 'lawful_supply_mw_it', 'crossing', 'method', 'as_of', 'policy_version'],
    rows: f.classes.flatMap((c) =>
      c.quarters.map((q) => [c.class.id, c.class.title, q.quarter, q.ends, q.demandGpus, q.supplyGpus, q.supplyMw, q.crossing, f.method.description, f.asOf, f.policyVersion]),
    ),
  };
}
