// Runs a task now and then every `intervalMs` while the app is up: never two runs of it at once,
// and closing the app waits for the run in progress.
import type { FastifyInstance } from 'fastify';

export interface PeriodicTask {
  /** Names the task in the log when a run fails. */
  name: string;
  intervalMs: number;
  run: () => Promise<void>;
}

export function registerPeriodicTask(app: FastifyInstance, task: PeriodicTask): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return; // a slow run is never overlapped by the next one
    running = task
      .run()
      .catch((error: unknown) => app.log.error({ err: error }, `${task.name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', async () => {
    tick();
    timer = setInterval(tick, task.intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
