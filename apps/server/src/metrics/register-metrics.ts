// Turns metrics on for one app when the operator asked for them (METRICS_TOKEN or METRICS_PORT):
// request counts and times, the live values a scrape reads, GET /metrics behind the token, and the
// metrics port. Off, none of it costs a request anything.
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { MetricsConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { recordHttpMetrics } from './http-metrics.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { listenForMetrics } from './metrics-server.ts';
import { scraperFor } from './scrape.ts';

export function createMetricsIfEnabled(config: MetricsConfig): Metrics | undefined {
  return config.token !== undefined || config.port !== undefined ? createMetrics() : undefined;
}

export async function registerMetrics(
  app: FastifyInstance,
  options: {
    config: MetricsConfig;
    metrics: Metrics;
    database: DatabaseHandle;
    openStreams: () => number;
  },
): Promise<void> {
  const { config, metrics, database } = options;
  recordHttpMetrics(app, metrics);
  metrics.observe({ openStreams: options.openStreams, poolUse: () => database.poolUse?.() });
  const scrape = scraperFor(metrics.registry);
  if (config.token !== undefined) await app.register(metricsRoutes, { token: config.token, scrape });
  // With WORKERS=N the primary holds the metrics port (cluster-primary.ts).
  if (config.port === undefined || cluster.isWorker) return;
  const port = config.port;
  let server: Server | undefined;
  app.addHook('onListen', async () => {
    server = await listenForMetrics(port, config.host, scrape);
    app.log.info(`metrics on http://${config.host}:${port}/metrics`);
  });
  app.addHook('onClose', async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
}
