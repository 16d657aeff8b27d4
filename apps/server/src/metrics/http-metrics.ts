// Counts every answered request by method, route pattern (never the raw URL, whose ids would make
// a series per notification) and status, and times it. A live event stream is handed to the
// stream hub (its reply hijacked) and never reaches onResponse: event_streams_open counts those.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

export function recordHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.record(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
