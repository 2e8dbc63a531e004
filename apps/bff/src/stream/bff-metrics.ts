import type { ServiceMetrics } from '@corridor/http-kit';
import { HttpError } from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import type { LiveStream } from './live-stream.ts';

/**
 * The BFF's own metrics beside the request histogram: upstream errors by control plane and kind, the live
 * stream's browsers, and each control plane subscription's state. Gauges are read when scraped.
 */
export function bffMetrics(metrics: ServiceMetrics, planes: ControlPlaneSet, live: LiveStream): void {
  const errors = metrics.counter('corridor_upstream_errors_total', 'Calls to a control plane that failed (unreachable, timed out, 5xx or a malformed answer), by control plane and error code.', [
    'control_plane',
    'kind',
  ]);
  for (const client of planes.all()) countFailures(client, (kind) => errors.inc({ control_plane: client.name, kind }));

  metrics.gauge('corridor_stream_clients', 'Browsers following GET /api/stream now.', [], (g) => g.set(live.stats().clients));
  metrics.gauge('corridor_stream_events_relayed', 'Events relayed to browsers since the BFF started.', [], (g) => g.set(live.stats().relayed));
  metrics.gauge('corridor_stream_resyncs', 'Times browsers were told to resync since the BFF started.', [], (g) => g.set(live.stats().resyncs));
  metrics.gauge(
    'corridor_upstream_subscription_connected',
    "1 while the BFF's live subscription to a control plane is open, else 0 (also before the first console opens it).",
    ['control_plane'],
    (g) => {
      for (const u of live.stats().upstreams) g.set({ control_plane: u.name }, u.connected ? 1 : 0);
    },
  );
  metrics.gauge('corridor_upstream_subscriptions', 'Subscriptions opened to a control plane since the BFF started (more than 1: it reconnected).', ['control_plane'], (g) => {
    for (const u of live.stats().upstreams) g.set({ control_plane: u.name }, u.subscriptions);
  });
}

/**
 * Wraps the client's two public calls to count what failed upstream: an answer of 5xx kind (the control plane
 * unreachable, slow, broken or malformed). A 4xx is the control plane answering, not failing.
 */
function countFailures(client: ControlPlaneClient, count: (kind: string) => void): void {
  const observe = <T>(call: Promise<T>): Promise<T> =>
    call.catch((error: unknown) => {
      if (!(error instanceof HttpError)) count('internal');
      else if (error.status >= 500) count(error.code.toLowerCase());
      throw error;
    });
  // Generic methods: rebound through `unknown`, their signatures unchanged.
  const get = client.get.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const write = client.write.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.get = ((...args: unknown[]) => observe(get(...args))) as unknown as ControlPlaneClient['get'];
  client.write = ((...args: unknown[]) => observe(write(...args))) as unknown as ControlPlaneClient['write'];
}
