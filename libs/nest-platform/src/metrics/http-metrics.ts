import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from './metrics-registry';

/** What Express leaves on a request it routed: the matched route's template, and the router's mount path. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/** The label of a request no route matched (404s, 405s, bodies refused before routing): never its URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP request by method, route TEMPLATE (`/communities/:communityId`, never the
 * URL: ids stay out of labels) and status, when its response ends. Installed before the body parser and the
 * router, so a request refused before routing counts too (as `unmatched`).
 */
export function httpMetrics(metrics: MetricsRegistry) {
  const requests = metrics.counter({
    name: 'sanshe_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = metrics.histogram({
    name: 'sanshe_http_request_duration_seconds',
    help: 'Time from a request to the end of its response, by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const method = KNOWN_METHODS.has(req.method ?? '') ? (req.method as string) : 'OTHER';
      const route = routeTemplateOf(req as RoutedRequest);
      requests.inc({ method, route, status: String(res.statusCode) });
      duration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** A client can send any method name: only the standard ones become label values. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function routeTemplateOf(req: RoutedRequest): string {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
