// A retried "make an announcement" request (the answer was lost, the client sent it again) must
// not announce twice: the request may carry an Idempotency-Key, kept with the announcement it
// made. Keys are per author, so two admins cannot collide.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('announcements').addColumn('request_key', 'varchar(200)').execute();
  await sql`create unique index announcements_author_request_key_idx
    on announcements (author_id, request_key) where request_key is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists announcements_author_request_key_idx`.execute(db);
  await db.schema.alterTable('announcements').dropColumn('request_key').execute();
}
