// Runs the reminder check every `intervalSeconds` while the server is up. Every process may run
// it: the deliveries table lets each reminder through once, whichever process gets there first.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { registerPeriodicTask } from '../periodic-task.ts';
import { sendDueReminders } from './reminders.service.ts';

export function registerReminderScheduler(
  app: FastifyInstance,
  deps: AppDeps,
  intervalSeconds: number,
): void {
  if (intervalSeconds <= 0) return;
  registerPeriodicTask(app, {
    name: 'reminder check',
    intervalMs: intervalSeconds * 1000,
    run: async () => {
      const reminded = await sendDueReminders(deps);
      if (reminded > 0) app.log.info({ reminded }, 'sent upcoming-webinar reminders');
    },
  });
}
