import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ForbiddenError } from '@corridor/shared';
import { mountRoutes, routeFactory } from './route.ts';

/**
 * One service's Prometheus metrics: a registry of its own per app (tests build many apps in one process,
 * and prom-client's global registry would refuse the second `http_request_duration_seconds`), the request
 * histogram every service shares, and whatever the service adds with `counter()` / `gauge()`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, declared route (never the raw URL) and status, and how long they took.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge read when scraped (`collect`), so nothing has to keep it up to date. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (gauge: Gauge<L>) => void): Gauge<L> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        collect(this);
      },
    });
  }

  /**
   * Times every request, labelled by the route that took it. Express sets `req.route` as it dispatches to a
   * route, while `req.baseUrl` is still the mount path of that route's router (by `finish`, and in the error
   * handler, it has been restored), so the label is taken at that moment.
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.requests.startTimer();
      let route: string | undefined;
      let current: unknown;
      Object.defineProperty(req, 'route', {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (value: unknown) => {
          current = value;
          if (value) route = routeLabel(req);
        },
      });
      res.once('finish', () => stop({ method: req.method, route: route ?? 'unmatched', status: String(res.statusCode) }));
      next();
    };
  }

  /**
   * The text exposition format, as Prometheus scrapes it. prom-client 15 writes a NaN sample as `Nan` (the
   * event-loop lag mean before its first measurement is one); the format spells it `NaN`, and stricter
   * parsers than Prometheus's own refuse the other spelling, so it is corrected here.
   */
  async render(): Promise<{ contentType: string; text: string }> {
    const text = (await this.registry.metrics()).replace(/ Nan$/gm, ' NaN');
    return { contentType: this.registry.contentType, text };
  }
}

/**
 * The declared path that took the request (`/api/workloads/:id`), or `unmatched` (static files, 404s):
 * bounded whatever URLs strangers send. A route declared by a pattern is labelled `pattern`.
 */
export function routeLabel(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return path === undefined ? 'unmatched' : 'pattern';
  return `${req.baseUrl}${path}`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may scrape: the service token (`Authorization: Bearer …`), or a process on the same host talking to
 * the server directly (a loopback peer and no forwarding header: a request relayed by a reverse proxy on the
 * same host carries X-Forwarded-For or Forwarded, and is treated as coming from outside). A signed-in session
 * is not enough: a console user has no business reading the server's internals.
 */
export function metricsAccess(serviceToken: string | undefined): RequestHandler {
  const expected = serviceToken ? Buffer.from(`Bearer ${serviceToken}`) : undefined;
  return (req, _res, next) => {
    const given = Buffer.from(req.get('authorization') ?? '');
    if (expected && given.length === expected.length && timingSafeEqual(given, expected)) return next();
    const direct = req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined && req.get('x-real-ip') === undefined;
    if (direct && LOOPBACK.has(req.socket.remoteAddress ?? '')) return next();
    next(new ForbiddenError('/metrics needs the service token, or a request from this host'));
  };
}

/** Who may call `/metrics`: see metricsAccess(). */
export type MetricsAccess = 'service token or loopback';

const metricsRoute = routeFactory<MetricsAccess, ServiceMetrics>();

/** `GET /metrics`, declared like every route (both servers mount it at their root, outside /api and /v1). */
export const METRICS_ROUTES = [
  metricsRoute({
    method: 'get',
    path: '/metrics',
    access: 'service token or loopback',
    tag: 'meta',
    summary: "The service's own metrics in the Prometheus text format",
    description:
      'Requests by declared route, latencies, upstream errors, stream clients, ingest counts and process metrics. Needs `Authorization: Bearer <service token>`, or a direct request from the same host (no forwarding header).',
    responses: { 200: { description: 'Prometheus text exposition format 0.0.4.', contentType: 'text/plain' } },
    errors: [403],
    handler: async ({ res, deps }) => {
      const { contentType, text } = await deps.render();
      res.set('Cache-Control', 'no-store').type(contentType).send(text);
    },
  }),
];

/** A router serving METRICS_ROUTES for `metrics`, behind metricsAccess(serviceToken). */
export function metricsRouter(metrics: ServiceMetrics, serviceToken: string | undefined): express.Router {
  const gate = metricsAccess(serviceToken);
  return mountRoutes(express.Router(), METRICS_ROUTES, { deps: metrics, gate: () => gate });
}
