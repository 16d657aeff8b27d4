// SQL of webinar reminders.
import type { Db } from '../db/database.ts';

/** Scheduled webinars starting after `now` and at most `horizonMs` later. */
export function findWebinarsStartingSoon(db: Db, now: Date, horizonMs: number) {
  return db
    .selectFrom('webinars')
    .select(['id', 'title', 'starts_at'])
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .where('starts_at', '<=', new Date(now.getTime() + horizonMs))
    .orderBy('starts_at')
    .execute();
}

/**
 * Records a delivery for every approved registrant who has not had this reminder for this start
 * time yet, and returns who they are. The primary key makes this "once per registrant, start and
 * window" with any number of server processes running it at the same moment.
 */
export async function claimReminderDeliveries(
  db: Db,
  webinar: { id: number; starts_at: Date },
  window: '24h' | '1h',
  now: Date,
): Promise<number[]> {
  const rows = await db
    .insertInto('reminder_deliveries')
    .columns(['webinar_id', 'starts_at', 'reminder_window', 'user_id', 'sent_at'])
    .expression((eb) =>
      eb
        .selectFrom('registrations')
        .select([
          'webinar_id',
          eb.val(webinar.starts_at).as('starts_at'),
          eb.val(window).as('reminder_window'),
          'user_id',
          eb.val(now).as('sent_at'),
        ])
        .where('webinar_id', '=', webinar.id)
        .where('status', '=', 'approved'),
    )
    .onConflict((oc) => oc.columns(['webinar_id', 'starts_at', 'reminder_window', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Forgets every reminder sent for a webinar (it was rescheduled): its windows open again. */
export async function forgetReminderDeliveries(db: Db, webinarId: number): Promise<void> {
  await db.deleteFrom('reminder_deliveries').where('webinar_id', '=', webinarId).execute();
}
