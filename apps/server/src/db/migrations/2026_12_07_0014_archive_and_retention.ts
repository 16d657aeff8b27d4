// A user archives a notification: out of the inbox, kept, listed under "Archived", restorable. An
// archived row is always read too (archiving marks it read, marking it unread restores it), so the
// unread count and its index need not know about archives.
//
// Retention (housekeeping/retention.ts) removes what is older than RETENTION_DAYS in small
// batches, once across all processes: the process that takes the job's lease in `job_leases` runs
// it, and the others see when it last finished.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add column archived_at timestamptz(3)`.execute(db);
  // The archived list, newest first; the inbox is served by notifications_user_newest_idx.
  await sql`create index notifications_user_archived_idx
    on notifications (user_id, created_at desc, id desc) where archived_at is not null`.execute(db);

  await sql`create table job_leases (
    name varchar(50) primary key,
    leased_until timestamptz,
    finished_at timestamptz)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table job_leases`.execute(db);
  await sql`drop index notifications_user_archived_idx`.execute(db);
  await sql`alter table notifications drop column archived_at`.execute(db);
}
