// One table of Idempotency-Keys for every create a client may retry (an announcement, an admin's
// send, a webinar reminder): each key is kept with a fingerprint of the request that used it and
// that request's answer, so a retry is answered the same, and the same key on another request is
// refused instead of silently replayed. It replaces announcements.request_key (migration 0005),
// which could only say "seen", not what was asked or answered. Keys are per user.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'varchar(150)', (c) => c.notNull())
    // SHA-256 (hex) of the method, the route, its path params and the canonical JSON body.
    .addColumn('fingerprint', 'char(64)', (c) => c.notNull())
    // The first answer's body; null only inside the transaction that is still making it.
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'key'])
    .execute();
  await sql`drop index if exists announcements_author_request_key_idx`.execute(db);
  await db.schema.alterTable('announcements').dropColumn('request_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('announcements').addColumn('request_key', 'varchar(200)').execute();
  await sql`create unique index announcements_author_request_key_idx
    on announcements (author_id, request_key) where request_key is not null`.execute(db);
  await db.schema.dropTable('idempotency_keys').execute();
}
