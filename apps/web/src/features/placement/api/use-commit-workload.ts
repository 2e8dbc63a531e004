import type { WorkloadRequest } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { workloadKeys } from '../../../lib/query-keys.ts';
import { commitWorkload, newIdempotencyKey } from './commit-workload.ts';
import { placementQueries } from './placement-queries.ts';

/** One submission of the form: the request as sent and its idempotency key. */
export interface Submission {
  body: string;
  key: string;
}

/** The key stays while the same request is retried after a failure; another request is a new submission. */
export function submissionFor(previous: Submission | undefined, request: WorkloadRequest, makeKey = newIdempotencyKey): Submission {
  const body = JSON.stringify(request);
  return previous?.body === body ? previous : { body, key: makeKey() };
}

/**
 * Commits the form's request. A retry after a lost answer reuses the key (the server then answers the
 * first outcome instead of placing the workload twice); once an answer arrives, the next commit is a
 * new submission. Plans and capacity are stale after any answer, the workload lists after a placement.
 */
export function useCommitWorkload() {
  const queryClient = useQueryClient();
  const submission = useRef<Submission | undefined>(undefined);
  return useMutation({
    mutationFn: (request: WorkloadRequest) => {
      submission.current = submissionFor(submission.current, request);
      return commitWorkload(request, submission.current.key);
    },
    onSuccess: (outcome) => {
      submission.current = undefined;
      void queryClient.invalidateQueries({ queryKey: placementQueries.plans() });
      void queryClient.invalidateQueries({ queryKey: placementQueries.capacity().queryKey });
      if (outcome.kind === 'placed') void queryClient.invalidateQueries({ queryKey: workloadKeys.all() });
    },
  });
}
