// Starts this process's delivery worker and keeps it busy: woken when notifications are created
// anywhere (the event bus reaches every process), and every DELIVERY_INTERVAL seconds for what has
// become due since (an unread announcement's delay, a digest's window, a retry). Logs its counts.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { registerPeriodicTask } from '../periodic-task.ts';
import type { DeliveryWorker } from './worker.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's delivery worker (tests wait for it to be idle; the CLI shares the engine). */
    deliveryWorker: DeliveryWorker;
  }
}

/** How often the counts of recorded deliveries go to the log, when they changed. */
const COUNTERS_LOG_INTERVAL_MS = 60_000;

export function registerDeliveryWorker(app: FastifyInstance, deps: AppDeps): void {
  const worker = deps.deliveryWorker;
  app.decorate('deliveryWorker', worker);
  app.addHook('onClose', async () => {
    await worker.stop();
  });
  const { deliveryIntervalSeconds } = deps.config;
  if (deliveryIntervalSeconds <= 0) return;
  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.name === 'notifications_created' || event.name === 'bus_resync') worker.wake();
  });
  registerPeriodicTask(app, {
    name: 'delivery check',
    intervalMs: deliveryIntervalSeconds * 1000,
    run: async () => {
      worker.wake();
      await worker.idle();
    },
  });
  let logged = '{}';
  registerPeriodicTask(app, {
    name: 'delivery counters',
    intervalMs: COUNTERS_LOG_INTERVAL_MS,
    run: async () => {
      const counters = worker.counters();
      const text = JSON.stringify(counters);
      if (text !== logged) app.log.info({ deliveries: counters }, 'deliveries recorded by this process');
      logged = text;
    },
  });
  app.addHook('onClose', async () => unsubscribe());
}
