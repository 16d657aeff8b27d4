// Reminders follow a webinar's current start time: a delivery is recorded for the start it was
// sent for, so a check that read the start just before a reschedule cannot close a window of the
// new start. Deliveries made so far count for the start each webinar has now.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table reminder_deliveries add column starts_at timestamptz(3)`.execute(db);
  await sql`update reminder_deliveries d set starts_at = w.starts_at
    from webinars w where w.id = d.webinar_id`.execute(db);
  await sql`alter table reminder_deliveries alter column starts_at set not null`.execute(db);
  await sql`alter table reminder_deliveries drop constraint reminder_deliveries_pk`.execute(db);
  await sql`alter table reminder_deliveries add constraint reminder_deliveries_pk
    primary key (webinar_id, starts_at, reminder_window, user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from reminder_deliveries d using webinars w
    where w.id = d.webinar_id and d.starts_at <> w.starts_at`.execute(db);
  await sql`alter table reminder_deliveries drop constraint reminder_deliveries_pk`.execute(db);
  await sql`alter table reminder_deliveries add constraint reminder_deliveries_pk
    primary key (webinar_id, reminder_window, user_id)`.execute(db);
  await sql`alter table reminder_deliveries drop column starts_at`.execute(db);
}
