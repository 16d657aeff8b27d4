// Runs this process's announcement scheduler: at start (catching up after downtime), every
// ANNOUNCEMENT_INTERVAL seconds, and at the soonest send_at (its own timer).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { registerPeriodicTask } from '../periodic-task.ts';
import type { AnnouncementScheduler } from './announcement-scheduler.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's announcement scheduler, absent with ANNOUNCEMENT_INTERVAL=0 (tests wait for it). */
    announcementScheduler: AnnouncementScheduler | undefined;
  }
}

export function registerAnnouncementScheduler(app: FastifyInstance, deps: AppDeps): void {
  const scheduler = deps.announcementScheduler;
  app.decorate('announcementScheduler', scheduler);
  if (!scheduler) return;
  app.addHook('onClose', async () => {
    await scheduler.stop();
  });
  registerPeriodicTask(app, {
    name: 'scheduled announcements check',
    intervalMs: deps.config.announcementIntervalSeconds * 1000,
    run: async () => {
      scheduler.wake();
      await scheduler.idle();
    },
  });
}
