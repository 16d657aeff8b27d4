// SQL of webinar reminders.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

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
 * Records a delivery for every approved registrant who has not had this reminder yet, and
 * returns who they are. The primary key makes this "once per registrant and window" with any
 * number of server processes running it at the same moment.
 */
export async function claimReminderDeliveries(
  db: Db,
  webinarId: number,
  window: '24h' | '1h',
  now: Date,
): Promise<number[]> {
  const rows = await db
    .insertInto('reminder_deliveries')
    .columns(['webinar_id', 'reminder_window', 'user_id', 'sent_at'])
    .expression((eb) =>
      eb
        .selectFrom('registrations')
        .select(['webinar_id', eb.val(window).as('reminder_window'), 'user_id', eb.val(now).as('sent_at')])
        .where('webinar_id', '=', webinarId)
        .where('status', '=', 'approved'),
    )
    .onConflict((oc) => oc.columns(['webinar_id', 'reminder_window', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}
