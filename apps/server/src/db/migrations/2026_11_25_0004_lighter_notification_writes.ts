// Fan-out speed: lighter writes for every notification row (the figures, measured with one
// INSERT ... SELECT of 100,000 rows: see the commit that added this migration).
// - Every row went into two indexes with the same three-column key, one for all of a user's rows
//   and a partial one for their unread rows. This migration rebuilt the first with is_read
//   included, so the unread list filters within the user's own entries, and the partial one on
//   user_id alone, enough to count and to mark all read without visiting read rows. Migration 0006
//   rebuilt the partial one again, on (user_id, id), for read marks.
// - It dropped the webinar foreign key, which queued a check for every row, even with no webinar.
//   Queries join the webinar and show its id only when it still exists (NOTIFICATION_COLUMNS), so
//   a deleted webinar still reads as "no webinar".
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications drop constraint if exists notifications_webinar_id_fkey`.execute(db);
  await sql`drop index if exists notifications_user_unread_idx`.execute(db);
  await sql`drop index if exists notifications_user_newest_idx`.execute(db);
  await sql`create index notifications_user_newest_idx
    on notifications (user_id, created_at desc, id desc) include (is_read)`.execute(db);
  await sql`create index notifications_user_unread_idx
    on notifications (user_id) where is_read = false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists notifications_user_unread_idx`.execute(db);
  await sql`drop index if exists notifications_user_newest_idx`.execute(db);
  await sql`create index notifications_user_newest_idx
    on notifications (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notifications_user_unread_idx
    on notifications (user_id, created_at desc, id desc) where is_read = false`.execute(db);
  await sql`update notifications set webinar_id = null
    where webinar_id is not null and webinar_id not in (select id from webinars)`.execute(db);
  await sql`alter table notifications add constraint notifications_webinar_id_fkey
    foreign key (webinar_id) references webinars (id) on delete set null`.execute(db);
}
