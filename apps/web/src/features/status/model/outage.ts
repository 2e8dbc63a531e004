import type { ConsoleStatus } from '@corridor/shared';
import { ApiError, isUnavailableError } from '../../../lib/api-client.ts';
import { translate } from '../../../lib/i18n/runtime.ts';

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
  // In the language in force: the banner is rebuilt on every render, so a change of language shows at once.
  const fallback = { hasData: hasData ? 'yes' : 'no' };
  if (statusError && (!(statusError instanceof ApiError) || statusError.code === 'NETWORK_ERROR' || statusError.status >= 500)) {
    return { kind: 'console', message: translate('status.outage.console', fallback) };
  }
  const down = status?.upstreams.filter((u) => !u.ok) ?? [];
  if (status?.ok === false || dataErrors.some(isUnavailableError)) {
    // An upstream's own error is the server's words (English, for operators); the console's words are translated.
    const detail =
      down.map((u) => translate('status.outage.upstream', { name: u.name, error: u.error ?? translate('status.outage.notAnswering') })).join(translate('status.outage.separator')) || undefined;
    return { kind: 'control-plane', message: translate('status.outage.controlPlane', fallback), detail };
  }
  return { kind: 'none' };
}
