// Sends scheduled announcements when their time comes. Every server process runs one: each claims
// due announcements with FOR UPDATE SKIP LOCKED and marks them sent in the transaction that
// creates their notifications, so each goes out exactly once whichever process gets there first.
// A process wakes at the soonest send_at it knows of (its own timer, re-armed after every run and
// whenever an admin schedules or reschedules one through it) and every ANNOUNCEMENT_INTERVAL
// seconds, which is how it learns of ones scheduled through other processes.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { createWakeableLoop, type WakeableLoop } from '../wakeable-loop.ts';
import * as repo from './announcements.repository.ts';
import { notifyAnnouncement } from './announcements.service.ts';

export type AnnouncementScheduler = WakeableLoop;

/** How soon to look again at an announcement that is due but claimed by another process. */
const BUSY_RETRY_MS = 1000;

export interface AnnouncementSchedulerDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  log: FastifyBaseLogger;
  /** How late a due announcement may still be sent by itself; later ones become `missed`. */
  graceMs: number;
}

export function createAnnouncementScheduler(deps: AnnouncementSchedulerDeps): AnnouncementScheduler {
  const { db, clock, log } = deps;
  let cancelTimer = () => {};

  async function markMissed(now: Date): Promise<void> {
    const missed = await repo.markMissed(db, new Date(now.getTime() - deps.graceMs), now);
    for (const announcement of missed) {
      log.warn(
        { announcement: announcement.id, send_at: announcement.send_at, grace_ms: deps.graceMs },
        'scheduled announcement missed: its time passed while no server was running, longer ago ' +
          'than the grace period; it was not sent (an admin can send it now or cancel it)',
      );
    }
  }

  /** Claims and sends one due announcement; false when none is left. */
  async function sendOne(now: Date): Promise<boolean> {
    const sent = await inTransaction(db, async (tx) => {
      const due = await repo.claimDueAnnouncement(tx.db, now);
      if (!due) return undefined;
      const notified = await notifyAnnouncement(deps, tx, due);
      return { ...due, notified: notified.created };
    });
    if (!sent) return false;
    log.info(
      {
        announcement: sent.id,
        send_at: sent.send_at,
        late_ms: sent.send_at ? now.getTime() - sent.send_at.getTime() : 0,
        notified: sent.notified,
      },
      'sent a scheduled announcement',
    );
    return true;
  }

  async function armTimer(): Promise<void> {
    cancelTimer();
    const next = await repo.nextSendAt(db);
    if (!next) {
      cancelTimer = () => {};
      return;
    }
    // One still due after this run is held by another process (its fan-out is under way): look
    // again in a second rather than at once, which would spin until that transaction ends.
    const now = clock.now().getTime();
    const at = next.getTime() <= now ? new Date(now + BUSY_RETRY_MS) : next;
    cancelTimer = clock.at(at, () => loop.wake());
  }

  const loop = createWakeableLoop(
    async (isStopped) => {
      try {
        const now = clock.now();
        await markMissed(now);
        while (!isStopped() && (await sendOne(now))) {}
      } finally {
        if (!isStopped()) await armTimer();
      }
    },
    (error) => log.error({ err: error }, 'scheduled announcements check failed'),
  );

  return {
    ...loop,
    async stop() {
      cancelTimer();
      await loop.stop();
      cancelTimer();
    },
  };
}
