import type { Response } from 'express';
import type { WorkloadService } from './workload-service.ts';

/** What the placement routes (plans, workloads, the batch what-if) are given. */
export interface PlacementRouteDeps {
  workloads: WorkloadService;
}

/** Aborted when the connection closes before the answer was sent: the client (the BFF, given up on it) is gone. */
export function clientGone(res: Response): AbortSignal {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) gone.abort();
  });
  return gone.signal;
}
