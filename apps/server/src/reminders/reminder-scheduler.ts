// Runs the reminder check every `intervalSeconds` while the server is up. Every process may run
// it: the deliveries table lets each reminder through once, whichever process gets there first.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { sendDueReminders } from './reminders.service.ts';

export function registerReminderScheduler(
  app: FastifyInstance,
  deps: AppDeps,
  intervalSeconds: number,
): void {
  if (intervalSeconds <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return; // a slow check is never overlapped by the next one
    running = sendDueReminders(deps)
      .then((reminded) => {
        if (reminded > 0) app.log.info({ reminded }, 'sent upcoming-webinar reminders');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'reminder check failed'))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', async () => {
    tick();
    timer = setInterval(tick, intervalSeconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
