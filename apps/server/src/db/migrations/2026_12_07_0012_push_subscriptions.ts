// Web push as a second delivery channel: each browser a user turned push on in is a subscription
// (its push service endpoint and the keys that encrypt messages for it). Admins' defaults start
// with the two types worth an interruption; users turn others on in their matrix.
import { type Kysely, sql } from 'kysely';

const PUSH_AT_ONCE = ['live_started', 'registration_approved'] as const;
const PUSH_OFF = ['upcoming_webinar', 'new_recording', 'announcement', 'live_ended', 'system'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // One browser's address at its push service; a browser subscribing again moves it to its user.
    .addColumn('endpoint', 'varchar(2000)', (c) => c.notNull().unique())
    .addColumn('p256dh', 'varchar(100)', (c) => c.notNull())
    .addColumn('auth', 'varchar(32)', (c) => c.notNull())
    // Shown to the user to tell their browsers apart, e.g. "Chrome on Linux".
    .addColumn('device_label', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('push_subscriptions_user_idx')
    .on('push_subscriptions')
    .column('user_id')
    .execute();
  for (const type of PUSH_AT_ONCE) {
    await sql`insert into delivery_policies (notification_type, channel, timing, delay_minutes)
      values (${type}, 'push', 'immediate', 0)`.execute(db);
  }
  for (const type of PUSH_OFF) {
    await sql`insert into delivery_policies (notification_type, channel, timing, delay_minutes)
      values (${type}, 'push', 'off', 0)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from delivery_policies where channel = 'push'`.execute(db);
  await sql`delete from channel_preferences where channel = 'push'`.execute(db);
  await sql`delete from deliveries where channel = 'push'`.execute(db);
  await db.schema.dropTable('push_subscriptions').execute();
}
