// Fan-out speed: drops the foreign keys from notifications to users and to notification_events,
// which made every row a fan-out inserts run two lookups, most of its time (the figures: see the
// commit that added this migration; docs/architecture.md, Indexes). Rows are only ever made by the
// notification service from users that exist, inside the event's transaction, so the checks
// guarded nothing a caller could break. This migration kept the webinar key; migration 0004
// dropped it too (a deleted webinar reads as none through the join).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications drop constraint if exists notifications_user_id_fkey`.execute(db);
  await sql`alter table notifications drop constraint if exists notifications_event_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add constraint notifications_user_id_fkey
    foreign key (user_id) references users (id) on delete cascade`.execute(db);
  await sql`alter table notifications add constraint notifications_event_id_fkey
    foreign key (event_id) references notification_events (id) on delete set null`.execute(db);
}
