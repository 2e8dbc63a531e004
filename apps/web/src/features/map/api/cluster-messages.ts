import type { ClusterInput, ClusterView } from '../model/cluster-core.ts';

/** What the map asks the clustering worker, and its answers. */
export type ClusterRequest =
  { id: number; type: 'load'; input: ClusterInput } | { id: number; type: 'view'; bbox: [number, number, number, number]; zoom: number } | { id: number; type: 'expansion'; clusterId: number };

/** `generation` counts the loads the worker has indexed: the one a view was taken from. */
export type ClusterAnswer = { id: number; type: 'loaded'; generation: number } | { id: number; type: 'view'; view: ClusterView; generation: number } | { id: number; type: 'expansion'; zoom: number };
