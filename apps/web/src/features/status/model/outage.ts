import type { ConsoleStatus } from '@corridor/shared';
import { ApiError, isUnavailableError } from '../../../lib/api-client.ts';

/** What the console tells the user about its connection to the network. */
export type Outage = { kind: 'none' } | { kind: 'control-plane' | 'console'; message: string; detail?: string };

export interface OutageInput {
  /** Last answer of GET /api/status, if any. */
  status?: ConsoleStatus;
  /** Set when the last status poll itself failed. */
  statusError?: unknown;
  /** Errors of the data queries (sites, summary, links…). */
  dataErrors: readonly unknown[];
  /** Whether there is data on screen to fall back on. */
  hasData: boolean;
}

/**
 * An outage is declared when the BFF says a control plane is down, when a data query answered
 * 503, or when the BFF itself cannot be reached.
 */
export function describeOutage({ status, statusError, dataErrors, hasData }: OutageInput): Outage {
  const fallback = hasData ? 'showing the last known data' : 'no data to show yet';
  if (statusError && (!(statusError instanceof ApiError) || statusError.code === 'NETWORK_ERROR' || statusError.status >= 500)) {
    return { kind: 'console', message: `Console server unreachable — ${fallback}. Retrying…` };
  }
  const down = status?.upstreams.filter((u) => !u.ok) ?? [];
  if (status?.ok === false || dataErrors.some(isUnavailableError)) {
    const detail = down.map((u) => `${u.name}: ${u.error ?? 'not answering'}`).join('; ') || undefined;
    return { kind: 'control-plane', message: `Control plane unreachable — ${fallback}. Retrying…`, detail };
  }
  return { kind: 'none' };
}
