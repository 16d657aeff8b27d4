// Counts every answered request by method, route pattern (never the raw URL, whose ids would make
// a series per notification) and status, and times it.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

export function recordHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const method = request.method;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    // A live stream lasts as long as the tab is open: its "latency" would drown the real ones.
    if (!String(reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream'))
      metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });
}
