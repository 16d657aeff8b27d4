// Marking read rewrites a row in place. PostgreSQL can update a row without touching any index (a
// "HOT" update) only when no index holds the changed columns, not even in its WHERE or INCLUDE,
// and the row's page has room for the new version. is_read was in both notification indexes, so
// every row marked read added an entry to each of them (and to the primary key).
//
// Now no index holds is_read, and pages are filled to 85% so the new version fits beside the old.
// Counting a user's unread rows and finding them to mark read walk the user's entries in the
// newest-first index and check each row, instead of reading a list of the unread ones: cheap for
// the tens to hundreds of rows a user has, and those answers are cached (user-cache.ts).
//
// Measured on PostgreSQL 15 over 10,000 users with 50 rows each (10 unread), before -> after, in
// interleaved runs:
// - marking all read, batches of 16 users, 4 at a time: PostgreSQL's CPU 93-128 -> 71-89 us per
//   user, WAL 68-82 -> 33-45 MB per 100,000 rows; 80% of the updates were HOT;
// - a fan-out, one INSERT ... SELECT of 100,000 rows: 486-619 -> 377-464 ms (one index less);
// - uncached reads of one user cost 5-20% more (a count 120-140 -> 152 us, the first page of the
//   unread list 185-189 -> 198-202 us): they check each of the user's rows.
//
// Rows written before this migration gain when their pages are rewritten (VACUUM FULL); the ones
// written after it get the room at once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications set (fillfactor = 85)`.execute(db);
  await sql`drop index if exists notifications_user_unread_idx`.execute(db);
  await sql`drop index if exists notifications_user_newest_idx`.execute(db);
  await sql`create index notifications_user_newest_idx
    on notifications (user_id, created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications reset (fillfactor)`.execute(db);
  await sql`drop index if exists notifications_user_newest_idx`.execute(db);
  await sql`create index notifications_user_newest_idx
    on notifications (user_id, created_at desc, id desc) include (is_read)`.execute(db);
  await sql`create index notifications_user_unread_idx
    on notifications (user_id) where is_read = false`.execute(db);
}
