import type { BatchPlan, BatchPlanWorkload } from '@corridor/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { checkBatch, issuesOfApiError, type RowIssue } from '../model/batch-input.ts';
import { runBatchPlan } from './batch-plan-api.ts';

/** Where a batch stands: nothing run yet, running (cancellable), answered, or failed with the API's error. */
export type BatchState =
  | { status: 'idle' }
  | { status: 'running'; count: number }
  | { status: 'cancelled' }
  | { status: 'done'; plan: BatchPlan; workloads: readonly BatchPlanWorkload[] }
  | { status: 'failed'; error: ApiError };

export interface BatchPlanControls {
  /** The rows to fix, from the browser's check or from the API's 400: nothing is sent while there are any. */
  issues: readonly RowIssue[];
  /** Counts up at each check that found problems, so the view moves focus to them even when they did not change. */
  issuesShown: number;
  state: BatchState;
  /** Checks the CSV and, when it is sound, plans it. */
  run: (text: string) => void;
  /** Runs the last CSV again (after a 503). */
  retry: () => void;
  cancel: () => void;
}

/**
 * The batch what-if's state: the CSV checked in the browser with the shared parser on Run (a tenant's own
 * tenant filled in), then planned by the API; a new run or Cancel aborts the one in flight. The text itself
 * stays in the input, so typing re-renders neither the map nor the table.
 */
export function useBatchPlan(ownTenant: string | undefined): BatchPlanControls {
  const lastText = useRef('');
  const [issues, setIssues] = useState<readonly RowIssue[]>([]);
  const [issuesShown, setIssuesShown] = useState(0);
  const [state, setState] = useState<BatchState>({ status: 'idle' });
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => inFlight.current?.abort(), []);

  const showIssues = useCallback((found: readonly RowIssue[]) => {
    setIssues(found);
    setIssuesShown((n) => n + 1);
  }, []);

  const run = useCallback(
    (text: string) => {
      lastText.current = text;
      const check = checkBatch(text, ownTenant);
      if (!check.ok) {
        showIssues(check.issues);
        return;
      }
      setIssues([]);
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState({ status: 'running', count: check.workloads.length });
      runBatchPlan(check.workloads, controller.signal).then(
        (plan) => {
          if (controller.signal.aborted) return;
          setState({ status: 'done', plan, workloads: check.workloads });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const apiError = error instanceof ApiError ? error : new ApiError({ status: 0, code: 'INTERNAL', message: String(error) });
          const rows = issuesOfApiError(apiError, check.rows);
          if (rows.length > 0) {
            showIssues(rows);
            setState({ status: 'idle' });
          } else setState({ status: 'failed', error: apiError });
        },
      );
    },
    [ownTenant, showIssues],
  );
  const retry = useCallback(() => run(lastText.current), [run]);

  const cancel = useCallback(() => {
    inFlight.current?.abort();
    inFlight.current = undefined;
    setState({ status: 'cancelled' });
  }, []);

  return { issues, issuesShown, state, run, retry, cancel };
}
