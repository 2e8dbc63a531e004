/// <reference lib="webworker" />
import { SiteClusters } from '../model/cluster-core.ts';
import type { ClusterAnswer, ClusterRequest } from './cluster-messages.ts';

/** Builds and queries the site clusters off the main thread: indexing 20,000 sites takes a few hundred ms. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let index: SiteClusters | undefined;
let generation = 0;

scope.onmessage = (event: MessageEvent<ClusterRequest>) => {
  const request = event.data;
  let answer: ClusterAnswer;
  if (request.type === 'load') {
    index = new SiteClusters(request.input);
    answer = { id: request.id, type: 'loaded', generation: ++generation };
  } else if (request.type === 'view') answer = { id: request.id, type: 'view', view: index?.view(request.bbox, request.zoom) ?? { clusters: [], singles: [] }, generation };
  else answer = { id: request.id, type: 'expansion', zoom: index?.expansionZoom(request.clusterId) ?? -1 };
  scope.postMessage(answer);
};
