// Fan-out speed, measured on PostgreSQL 15 with one INSERT ... SELECT of 100,000 rows:
// - Every row went into two indexes with the same three-column key, one for all of a user's rows
//   and a partial one for their unread rows: 0.95-1.34 s with both, 0.50-0.73 s with the first
//   alone (into 600,000 rows). The first now carries is_read, so the unread list filters within
//   the user's own entries; the partial one keeps only user_id, enough to count and to mark all
//   read without visiting read rows, and costs 0.05-0.15 s (0.54-0.65 s -> 0.69-0.71 s).
// - The webinar foreign key queued a check for every row, even with no webinar: 0.52 s with it,
//   0.44 s without (into 100,000 rows). Queries join the webinar and show its id only when it
//   still exists (NOTIFICATION_COLUMNS), so a deleted webinar still reads as "no webinar".
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
