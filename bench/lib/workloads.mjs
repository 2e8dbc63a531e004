// Running workloads as the workload store answers them, for the benchmarks that plan around them in
// process (drain dry run, N-1): one shape, so both hand the planners the same kind of object.

/** A running workload of `request` on `siteId`, the i-th of a bench (ids sort like creation times). */
export function runningWorkload(i, request, { siteId, gpuModel, powerKw, at }) {
  return {
    id: `wl-${String(i).padStart(16, '0')}`,
    name: request.name,
    tenant: request.tenant,
    kind: request.kind,
    sector: request.sector,
    dataClass: request.dataClass,
    dataOrigin: request.dataOrigin,
    state: 'running',
    siteId,
    ...(gpuModel ? { gpuModel } : {}),
    gpuCount: request.gpus.count,
    powerKw,
    request,
    createdAt: at,
    updatedAt: at,
  };
}
