// What an operator scrapes at /metrics (Prometheus text format, through prom-client). One
// registry per app, so tests build as many apps as they like; with WORKERS=N the primary adds up
// the workers' registries (see scrape.ts). Names follow Prometheus' conventions: a unit
// suffix, `_total` on counters.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { RequestDurations } from './request-durations.ts';

/** Seconds: from a cached answer (well under a millisecond) to a slow fan-out. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

export interface Metrics {
  registry: Registry;
  httpDuration: RequestDurations;
  notificationsCreated: Counter<'type'>;
  fanoutDuration: Histogram<'type'>;
  deliveries: Counter<'channel' | 'status'>;
  eventBusLag: Histogram;
  /** Reads the live values a scrape reports at that moment. */
  observe(sources: { openStreams?: () => number; poolUse?: () => PoolUse | undefined }): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Event-loop lag, memory, CPU, handles and GC, as prom-client names them.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let sources: Parameters<Metrics['observe']>[0] = {};

  new Gauge({
    name: 'event_streams_open',
    help: 'Live event streams (SSE) open on this process',
    registers,
    collect() {
      this.set(sources.openStreams?.() ?? 0);
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
    labelNames: ['state'],
    registers,
    // Summed over workers; the embedded database has no pool and reports none.
    collect() {
      const use = sources.poolUse?.();
      if (!use) return;
      for (const [state, value] of Object.entries(use)) this.set({ state }, value);
    },
  });

  // One histogram, not a counter beside it: its _count is the requests answered, and a request
  // costs one recording instead of two.
  const httpDuration = new RequestDurations({
    help: 'Requests answered and their time from arrival to response, by method, route pattern and status',
    buckets: LATENCY_BUCKETS,
  });
  registry.registerMetric(httpDuration.asRegistered());

  return {
    registry,
    httpDuration,
    notificationsCreated: new Counter({
      name: 'notifications_created_total',
      help: 'Notifications created (one per recipient), by type',
      labelNames: ['type'],
      registers,
    }),
    fanoutDuration: new Histogram({
      name: 'notification_fanout_duration_seconds',
      help: 'Time to write one event’s notifications for all its recipients, by type',
      labelNames: ['type'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    deliveries: new Counter({
      name: 'deliveries_total',
      help: 'Deliveries finished by this process, by channel (email, push) and status',
      labelNames: ['channel', 'status'],
      registers,
    }),
    eventBusLag: new Histogram({
      name: 'event_bus_lag_seconds',
      help: 'Time from another process publishing an event to this process receiving it (PostgreSQL)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    observe(next) {
      sources = next;
    },
  };
}
