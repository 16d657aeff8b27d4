// Upcoming-webinar reminders: 24 hours and 1 hour before a webinar starts, each exactly once per
// approved registrant and start time (a rescheduled webinar's windows open again for its new
// start). A webinar is in its 24 h window from 24 h to 1 h before its start and in its 1 h window
// for the last hour, so a server that was down catches up with the window it is in, and never
// sends the 24 h reminder once the 1 h window has come.
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { type IdempotentRequest, runOnce } from '../idempotency/idempotency.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import {
  type ReminderWindow,
  upcomingWebinarNotification,
} from '../notifications/triggers/upcoming-webinar.ts';
import { findWebinarRow } from '../webinars/webinars.repository.ts';
import * as repo from './reminders.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

const HOUR = 3_600_000;

export function reminderWindow(startsAt: Date, now: Date): ReminderWindow | null {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead <= 0 || ahead > 24 * HOUR) return null;
  return ahead <= HOUR ? '1h' : '24h';
}

/** Sends every reminder that is due now; returns how many users were reminded. */
export async function sendDueReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let reminded = 0;
  const failures: unknown[] = [];
  for (const webinar of await repo.findWebinarsStartingSoon(deps.db, now, 24 * HOUR)) {
    const window = reminderWindow(webinar.starts_at, now);
    if (!window) continue;
    try {
      reminded += await inTransaction(deps.db, async (tx) => {
        const due = await repo.claimReminderDeliveries(tx.db, webinar, window, now);
        if (due.length === 0) return 0;
        const result = await deps.notifications.createBulk(
          tx,
          upcomingWebinarNotification({
            webinarId: webinar.id,
            webinarTitle: webinar.title,
            startsAt: webinar.starts_at,
            now,
            userIds: due,
          }),
        );
        return result.created;
      });
    } catch (error) {
      // One webinar that fails must not hold back the reminders of the others; it is retried
      // at the next check, since its deliveries rolled back with it.
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} webinar reminder(s) failed`);
  return reminded;
}

/**
 * An admin's reminder by hand, to every approved registrant. A request repeated with the same
 * Idempotency-Key gets the first one's answer, reminding no one again.
 */
export async function sendManualReminder(
  deps: Deps,
  webinarId: number,
  idempotent?: IdempotentRequest,
): Promise<{ notified: number; replayed: boolean }> {
  const { result, replayed } = await runOnce(deps.db, idempotent, async (tx) => {
    const webinar = await findWebinarRow(tx.db, webinarId);
    if (!webinar) throw AppError.notFound('Webinar not found.');
    if (webinar.status !== 'scheduled') throw new AppError('conflict', 'This webinar has already started.');
    const sent = await deps.notifications.createBulk(
      tx,
      upcomingWebinarNotification({
        webinarId,
        webinarTitle: webinar.title,
        startsAt: webinar.starts_at,
        now: deps.clock.now(),
      }),
    );
    return { notified: sent.created };
  });
  return { ...result, replayed };
}
